package jp.jpkigate.revocation.crl;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test CRLs made with BouncyCastle's own builder. */
final class TestCrls {
    static final Provider BC = new BouncyCastleProvider();
    static final X500Name ISSUER = new X500Name("C=JP,O=JPKI,OU=JPKI for digital signature,OU=Test CA");
    static final KeyPair RSA = generate("RSA", null);
    static final KeyPair EC = generate("EC", "secp384r1");

    /** One entry to write; {@code extensions} replaces the reason code when not null. */
    record Entry(BigInteger serial, Instant revoked, int reason, Extensions extensions) {
        Entry(BigInteger serial, Instant revoked, int reason) {
            this(serial, revoked, reason, null);
        }
    }

    /** Builder-style options. */
    static final class Spec {
        KeyPair keys = EC;
        String algorithm = "SHA384withECDSA";
        Instant thisUpdate = Instant.parse("2025-06-01T00:00:00Z");
        Instant nextUpdate = Instant.parse("2025-06-02T00:00:00Z");
        BigInteger number = BigInteger.TEN;
        BigInteger deltaBase;
        boolean idp;
        boolean criticalUnknown;
        List<Entry> entries = new ArrayList<>();

        Spec rsa() {
            keys = RSA;
            algorithm = "SHA256withRSA";
            return this;
        }

        Spec add(BigInteger serial, Instant revoked, int reason) {
            entries.add(new Entry(serial, revoked, reason));
            return this;
        }

        byte[] encode() {
            try {
                X509v2CRLBuilder b = new X509v2CRLBuilder(ISSUER, Date.from(thisUpdate));
                if (nextUpdate != null) {
                    b.setNextUpdate(Date.from(nextUpdate));
                }
                for (Entry e : entries) {
                    if (e.extensions() != null) {
                        b.addCRLEntry(e.serial(), Date.from(e.revoked()), e.extensions());
                    } else {
                        b.addCRLEntry(e.serial(), Date.from(e.revoked()), e.reason());
                    }
                }
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(keys.getPublic()));
                if (number != null) {
                    b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
                }
                if (deltaBase != null) {
                    b.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(deltaBase));
                }
                if (idp) {
                    GeneralNames uri = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                            "http://crl.example.jp/partition-13.crl"));
                    b.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                            new DistributionPointName(uri), true, false));
                }
                if (criticalUnknown) {
                    b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.392.200149.8.5.5.99"), true,
                            org.bouncycastle.asn1.DERNull.INSTANCE);
                }
                return b.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(keys.getPrivate()))
                        .getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCrls() {
    }

    static Spec spec() {
        return new Spec();
    }

    /** A small valid EC-signed CRL with serials of 1, 8, 9 and 20 octets and several reasons. */
    static byte[] small() {
        Instant t = Instant.parse("2024-03-01T10:15:30Z");
        return spec().add(BigInteger.ONE, t, 1).add(new BigInteger("7fffffffffffffff", 16), t, 4)
                .add(new BigInteger("ffffffffffffffff", 16), t, 6).add(new BigInteger("8000000000000000", 16), t, 0)
                .add(new BigInteger("f1e2d3c4b5a69788796a5b4c3d2e1f0011223344", 16), t, 3).encode();
    }

    private static KeyPair generate(String algorithm, String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, BC);
            if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve));
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
