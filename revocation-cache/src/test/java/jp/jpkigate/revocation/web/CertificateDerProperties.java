package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.responder.TestPki.AUTH_2026_EC;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2025;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2026;
import static jp.jpkigate.revocation.responder.TestPki.issue;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.revocation.service.IssuerKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The DER walk of {@link CertificateDer} against what the check API did before it, the JDK's
 * {@link CertificateFactory} (one DER certificate, nothing after it) and Bouncy Castle's reading of the
 * AuthorityKeyIdentifier: on valid certificates both give the same serial and issuer key; on mutated
 * ones, whatever the walk accepts the JDK accepts too, with the same serial and issuer key.
 */
class CertificateDerProperties {
    static final List<byte[]> VALID = List.of(encoded(issue(SIGN_2026, 10)), encoded(issue(AUTH_2026_EC, 21)),
            encoded(issue(SIGN_2025, 0x7FFF_FFFF_FFFFL)), encoded(SIGN_2026.certificate()),
            encoded(AUTH_2026_EC.certificate()));

    static final ThreadLocal<Exception> LAST_REFUSAL = new ThreadLocal<>();

    /** The reference: what CheckRequest and CheckItem did with the JDK and Bouncy Castle. */
    record Reference(BigInteger serial, Optional<IssuerKey> issuer) {
        static Reference of(byte[] der) {
            try {
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));
                if (der.length > 0 && der[0] == 0x30 && Arrays.equals(certificate.getEncoded(), der)) {
                    return new Reference(certificate.getSerialNumber(), issuer(certificate));
                }
            } catch (Exception e) {
                LAST_REFUSAL.set(e);
            }
            return null;
        }

        static Optional<IssuerKey> issuer(X509Certificate certificate) {
            byte[] extension = certificate.getExtensionValue("2.5.29.35");
            if (extension == null) {
                return Optional.empty();
            }
            try {
                byte[] keyId = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
                        .getKeyIdentifierObject().getOctets();
                return Optional.of(IssuerKey.of(keyId));
            } catch (Exception e) {
                return Optional.empty();
            }
        }
    }

    static Reference walk(byte[] der) {
        try {
            CertificateDer walked = CertificateDer.parse(der);
            return new Reference(walked.serial, Optional.ofNullable(walked.authorityKeyId).map(IssuerKey::of));
        } catch (CertificateDer.Malformed e) {
            return null;
        }
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 60)
    void validCertificatesGiveTheJdksSerialAndIssuer(@ForAll("cas") int ca, @ForAll @LongRange(min = 1) long serial) {
        byte[] der = encoded(issue(List.of(SIGN_2026, AUTH_2026_EC, SIGN_2025).get(ca), serial));
        Reference reference = Reference.of(der);
        assertThat(reference).isNotNull();
        assertThat(walk(der)).isEqualTo(reference);
    }

    @Property(tries = 3000)
    void whatTheWalkAcceptsTheJdkAcceptsAlike(@ForAll @IntRange(min = 0, max = 4) int which,
                                              @ForAll @IntRange(min = 0, max = 100_000) int position,
                                              @ForAll byte value, @ForAll @IntRange(min = 0, max = 4) int operation) {
        byte[] valid = VALID.get(which);
        // Half the mutations land in the first 400 bytes, where the structure (not the signature) is.
        int at = position % 2 == 0 ? (position / 2) % Math.min(400, valid.length) : position % valid.length;
        byte[] mutated = switch (operation) {
            case 0 -> remove(valid, at);
            case 1 -> insert(valid, at, value);
            case 2 -> replace(valid, at, value);
            case 3 -> Arrays.copyOf(valid, at);
            default -> replace(valid, at, (byte) (valid[at] ^ (1 << (value & 7))));
        };
        Reference walked = walk(mutated);
        if (walked != null) {
            Reference jdk = Reference.of(mutated);
            if (jdk == null && insideOpaqueContent(LAST_REFUSAL.get())) {
                return;
            }
            assertThat(jdk).isEqualTo(walked);
        }
    }

    @Property(tries = 200)
    void arbitraryBytesAreRefusedOrMatchTheJdk(@ForAll byte[] bytes) {
        Reference walked = walk(bytes);
        if (walked != null) {
            assertThat(Reference.of(bytes)).isEqualTo(walked);
        }
    }

    /**
     * The nesting limit inside what the walk leaves opaque, where it reads past a value whole: a value
     * nested in {@code nesting} SEQUENCEs as an attribute value of the issuer Name (at depth 4 below the
     * certificate's content), the public key's algorithm parameters (depth 3) or the signature
     * algorithm's (depth 2 in the TBSCertificate, 1 outside). Its innermost content is at that depth +
     * nesting, refused past {@code MAX_DEPTH} (32): 28, 29 and 30 nested SEQUENCEs pass, one more does not.
     */
    @Property(tries = 60)
    void opaqueValuesNestedPastTheLimitAreRefused(@ForAll @IntRange(min = 0, max = 2) int where,
                                                  @ForAll @IntRange(min = 1, max = 40) int nesting) throws Exception {
        ASN1Encodable value = DERNull.INSTANCE;
        for (int i = 0; i < nesting; i++) {
            value = new DERSequence(value);
        }
        // The RSA CA certificate: its key's parameters are opaque (an EC key's must be a curve's OID).
        ASN1Sequence certificate = ASN1Sequence.getInstance(VALID.get(3));
        ASN1Sequence tbs = ASN1Sequence.getInstance(certificate.getObjectAt(0));
        // The TBSCertificate's fields: [0] version, serial, signature, issuer, validity, subject, key, ...
        ASN1Encodable[] fields = tbs.toArray();
        ASN1Encodable signature = certificate.getObjectAt(1);
        switch (where) {
            case 0 -> fields[3] = new DERSequence(new DERSet(new DERSequence(new ASN1Encodable[] {
                    new ASN1ObjectIdentifier("2.5.4.3"), value})));
            case 1 -> {
                ASN1Sequence key = ASN1Sequence.getInstance(fields[6]);
                ASN1Encodable oid = ASN1Sequence.getInstance(key.getObjectAt(0)).getObjectAt(0);
                fields[6] = new DERSequence(new ASN1Encodable[] {new DERSequence(new ASN1Encodable[] {oid, value}),
                        key.getObjectAt(1)});
            }
            default -> {
                ASN1Encodable oid = ASN1Sequence.getInstance(signature).getObjectAt(0);
                signature = new DERSequence(new ASN1Encodable[] {oid, value});
                fields[2] = signature;
            }
        }
        byte[] der = new DERSequence(new ASN1Encodable[] {new DERSequence(fields), signature,
                certificate.getObjectAt(2)}).getEncoded(ASN1Encoding.DER);
        assertThat(walk(der) != null).as("accepted at nesting " + nesting).isEqualTo(nesting <= 28 + where);
    }

    /**
     * The JDK refused inside what the walk leaves opaque (documented on {@link CertificateDer}): the
     * content of the public key, of algorithm parameters, or of an extension other than the
     * AuthorityKeyIdentifier. Nothing the check API uses comes from there.
     */
    static boolean insideOpaqueContent(Throwable refusal) {
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String at = frame.getClassName() + "." + frame.getMethodName();
                if (at.startsWith("sun.security.x509.X509Key.") || at.equals("sun.security.x509.AlgorithmId.decodeParams")
                        || (at.startsWith("sun.security.x509.") && at.endsWith("Extension.<init>")
                        && !at.contains("AuthorityKeyIdentifier"))
                        || at.startsWith("sun.security.util.ECParameters.")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Provide
    Arbitrary<Integer> cas() {
        return Arbitraries.integers().between(0, 2);
    }

    static byte[] remove(byte[] bytes, int at) {
        byte[] out = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
        return out;
    }

    static byte[] insert(byte[] bytes, int at, byte value) {
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
        return out;
    }

    static byte[] replace(byte[] bytes, int at, byte value) {
        byte[] out = bytes.clone();
        out[at] = value;
        return out;
    }
}
