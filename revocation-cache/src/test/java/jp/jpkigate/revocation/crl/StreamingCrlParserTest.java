package jp.jpkigate.revocation.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jp.jpkigate.revocation.crl.CrlParseException.Kind;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;

class StreamingCrlParserTest {
    private final StreamingCrlParser parser = new StreamingCrlParser();

    private static List<CollectingHandler.Seen> bcEntries(byte[] der) throws Exception {
        List<CollectingHandler.Seen> out = new ArrayList<>();
        for (Object o : new X509CRLHolder(der).getRevokedCertificates()) {
            X509CRLEntryHolder e = (X509CRLEntryHolder) o;
            Extension r = e.getExtension(Extension.reasonCode);
            int reason = r == null ? 0 : CRLReason.getInstance(r.getParsedValue()).getValue().intValue();
            out.add(new CollectingHandler.Seen(e.getSerialNumber(), e.getRevocationDate().getTime() / 1000, reason));
        }
        return out;
    }

    @Test
    void entriesEqualWhatBouncyCastleReadsForEcP384() throws Exception {
        byte[] der = TestCrls.small();
        CollectingHandler h = new CollectingHandler();
        CrlInfo info = parser.parse(new ByteArrayInputStream(der), TestCrls.EC.getPublic(), h);
        assertThat(h.entries).containsExactlyElementsOf(bcEntries(der));
        assertThat(h.entries).extracting(CollectingHandler.Seen::reason).containsExactly(1, 4, 6, 0, 3);
        assertThat(info.entryCount()).isEqualTo(5);
        assertThat(info.version()).isEqualTo(2);
        assertThat(info.signatureAlgorithmOid()).isEqualTo("1.2.840.10045.4.3.3");
        X509CRLHolder bc = new X509CRLHolder(der);
        assertThat(info.issuer()).isEqualTo(bc.getIssuer().getEncoded());
        assertThat(info.thisUpdate()).isEqualTo(bc.getThisUpdate().toInstant());
        assertThat(h.thisUpdate).isEqualTo(info.thisUpdate().getEpochSecond());
        assertThat(info.nextUpdate()).isEqualTo(bc.getNextUpdate().toInstant());
        assertThat(info.crlNumber()).isEqualTo(BigInteger.TEN);
        assertThat(info.isDelta()).isFalse();
        assertThat(info.authorityKeyId()).isEqualTo(
                org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.fromExtensions(bc.getExtensions()).getKeyIdentifier());
    }

    @Test
    void rsaSha256DeltaWithGeneralizedTimeAndIdp() throws Exception {
        TestCrls.Spec s = TestCrls.spec().rsa();
        s.thisUpdate = Instant.parse("2051-01-01T00:00:00Z");
        s.nextUpdate = Instant.parse("2051-01-02T00:00:00Z");
        s.deltaBase = BigInteger.valueOf(9);
        s.idp = true;
        s.add(BigInteger.valueOf(0x80), Instant.parse("2050-12-31T23:59:59Z"), 8);
        s.add(BigInteger.valueOf(255), Instant.parse("1999-12-31T23:59:59Z"), 6);
        byte[] der = s.encode();
        CollectingHandler h = new CollectingHandler();
        CrlInfo info = parser.parse(new ByteArrayInputStream(der), TestCrls.RSA.getPublic(), h);
        assertThat(h.entries).containsExactlyElementsOf(bcEntries(der));
        assertThat(info.signatureAlgorithmOid()).isEqualTo("1.2.840.113549.1.1.11");
        assertThat(info.thisUpdate()).isEqualTo(s.thisUpdate);
        assertThat(info.deltaBaseCrlNumber()).isEqualTo(BigInteger.valueOf(9));
        assertThat(info.issuingDistributionPoint()).isEqualTo(new X509CRLHolder(der)
                .getExtension(Extension.issuingDistributionPoint).getExtnValue().getOctets());
    }

    @Test
    void toleratesInvalidityDateAndCertificateIssuerEntryExtensions() throws Exception {
        ExtensionsGenerator g = new ExtensionsGenerator();
        g.addExtension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
        g.addExtension(Extension.invalidityDate, false, new ASN1GeneralizedTime(new Date(0)));
        g.addExtension(Extension.certificateIssuer, true, new GeneralNames(new GeneralName(TestCrls.ISSUER)));
        TestCrls.Spec s = TestCrls.spec();
        s.entries.add(new TestCrls.Entry(BigInteger.valueOf(42), Instant.parse("2025-01-01T00:00:00Z"), 0,
                g.generate()));
        byte[] der = s.encode();
        CollectingHandler h = new CollectingHandler();
        parser.parse(new ByteArrayInputStream(der), TestCrls.EC.getPublic(), h);
        assertThat(h.entries).containsExactly(
                new CollectingHandler.Seen(BigInteger.valueOf(42), Instant.parse("2025-01-01T00:00:00Z").getEpochSecond(), 1));
    }

    @Test
    void emptyCrlWithoutNextUpdate() throws Exception {
        TestCrls.Spec s = TestCrls.spec();
        s.nextUpdate = null;
        CrlInfo info = parser.parse(new ByteArrayInputStream(s.encode()), TestCrls.EC.getPublic(), new CollectingHandler());
        assertThat(info.entryCount()).isZero();
        assertThat(info.nextUpdate()).isNull();
    }

    @Test
    void tamperedEntryIsReportedAfterTheStreamEnds() {
        byte[] der = TestCrls.small();
        int at = indexOf(der, new byte[] {0x0A, 0x01, 0x04}) + 2; // reasonCode superseded -> cessation
        der[at] = 0x05;
        CollectingHandler h = new CollectingHandler();
        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(der), TestCrls.EC.getPublic(), h))
                .isInstanceOfSatisfying(CrlParseException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE));
        assertThat(h.entries).hasSize(5); // everything streamed; the caller discards it
    }

    @Test
    void wrongKeyIsABadSignature() {
        byte[] der = TestCrls.spec().encode();
        java.security.PublicKey other = TestCrls.spec().keys == TestCrls.EC ? otherEcKey() : null;
        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(der), other, new CollectingHandler()))
                .isInstanceOfSatisfying(CrlParseException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE));
    }

    @Test
    void rsaKeyForEcdsaCrlIsUnsupported() {
        byte[] der = TestCrls.spec().encode();
        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(der), TestCrls.RSA.getPublic(),
                new CollectingHandler()))
                .isInstanceOfSatisfying(CrlParseException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED));
    }

    @Test
    void unknownCriticalCrlExtensionMakesTheCrlUnusable() {
        TestCrls.Spec s = TestCrls.spec();
        s.criticalUnknown = true;
        byte[] der = s.encode();
        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(der), TestCrls.EC.getPublic(),
                new CollectingHandler()))
                .isInstanceOfSatisfying(CrlParseException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED));
    }

    @Test
    void configuredMaximumSizeIsEnforcedBeforeReading() {
        byte[] der = TestCrls.small();
        assertThatThrownBy(() -> new StreamingCrlParser(100, 64).parse(new ByteArrayInputStream(der),
                TestCrls.EC.getPublic(), new CollectingHandler()))
                .isInstanceOfSatisfying(CrlParseException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
    }

    @Test
    void tinyBufferGivesTheSameResult() throws Exception {
        byte[] der = TestCrls.small();
        CollectingHandler h = new CollectingHandler();
        new StreamingCrlParser(1 << 20, 64).parse(new ByteArrayInputStream(der), TestCrls.EC.getPublic(), h);
        assertThat(h.entries).containsExactlyElementsOf(bcEntries(der));
    }

    static java.security.PublicKey otherEcKey() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC", TestCrls.BC);
            g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
            return g.generateKeyPair().getPublic();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
