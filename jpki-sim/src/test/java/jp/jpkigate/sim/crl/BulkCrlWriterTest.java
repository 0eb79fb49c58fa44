package jp.jpkigate.sim.crl;

import static jp.jpkigate.sim.crl.TestPki.AUTH_2026_EC;
import static jp.jpkigate.sim.crl.TestPki.NOW;
import static jp.jpkigate.sim.crl.TestPki.SIGN_2026;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.util.HashMap;
import java.util.Map;
import jp.jpkigate.sim.ca.Providers;
import jp.jpkigate.sim.ca.SimCa;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkCrlWriterTest {
    @TempDir
    Path dir;

    private static BulkCrlWriter.Spec spec(SimCa ca, long count) {
        return new BulkCrlWriter.Spec(ca, count, 7L, NOW, CrlPublisher.DEFAULT_VALIDITY, BigInteger.valueOf(4242));
    }

    private static X509CRLHolder verified(byte[] der, SimCa ca) throws Exception {
        X509CRLHolder crl = new X509CRLHolder(der);
        assertThat(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Providers.BC)
                .build(ca.certificate()))).isTrue();
        return crl;
    }

    @Test
    void hundredThousandEntriesParseWithOpensslAndVerifyWithBouncyCastle() throws Exception {
        Path file = dir.resolve("bulk.crl");
        BulkCrlWriter.Result result = BulkCrlWriter.write(spec(SIGN_2026, 100_000), file);

        assertThat(result.bytes()).isEqualTo(Files.size(file));
        X509CRLHolder crl = verified(Files.readAllBytes(file), SIGN_2026);
        Map<Integer, Integer> reasons = new HashMap<>();
        BigInteger previous = BigInteger.ZERO;
        int count = 0;
        for (Object o : crl.getRevokedCertificates()) {
            X509CRLEntryHolder entry = (X509CRLEntryHolder) o;
            assertThat(entry.getSerialNumber()).isGreaterThan(previous);
            previous = entry.getSerialNumber();
            Extension reason = entry.getExtension(Extension.reasonCode);
            reasons.merge(reason == null ? 0 : org.bouncycastle.asn1.x509.CRLReason.getInstance(
                    reason.getParsedValue()).getValue().intValue(), 1, Integer::sum);
            assertThat(entry.getRevocationDate().toInstant()).isBeforeOrEqualTo(NOW);
            count++;
        }
        assertThat(count).isEqualTo(100_000);
        assertThat(reasons.get(CRLReason.AFFILIATION_CHANGED.ordinal())).isBetween(50_000, 60_000);
        assertThat(reasons.get(CRLReason.SUPERSEDED.ordinal())).isBetween(25_000, 35_000);
        assertThat(reasons.get(CRLReason.CERTIFICATE_HOLD.ordinal())).isBetween(3_000, 7_000);
        assertThat(reasons.get(0)).isPositive();

        String text = TestPki.openssl("crl", "-inform", "DER", "-in", file.toString(), "-noout", "-text");
        assertThat(text.split("Serial Number: ", -1)).hasSize(100_001);
        assertThat(text).contains("X509v3 CRL Number: \n                4242", "Certificate Hold", "Affiliation Changed");
    }

    @Test
    void sameSeedSameBytesExceptTheSignature() throws Exception {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        BulkCrlWriter.write(spec(SIGN_2026, 1_000), a);
        BulkCrlWriter.write(spec(SIGN_2026, 1_000), b);
        // RSA PKCS#1 v1.5 is deterministic: the whole CRL repeats.
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }

    @Test
    void ecdsaSignaturesKeepTheAnnouncedLength() throws Exception {
        for (int i = 0; i < 8; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BulkCrlWriter.write(new BulkCrlWriter.Spec(AUTH_2026_EC, 2_000 + i, i, NOW,
                    CrlPublisher.DEFAULT_VALIDITY, BigInteger.ONE), out);
            assertThat(verified(out.toByteArray(), AUTH_2026_EC).getRevokedCertificates()).hasSize(2_000 + i);
        }
    }

    @Test
    void emptyCrlOmitsRevokedCertificates() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BulkCrlWriter.write(spec(SIGN_2026, 0), out);
        assertThat(verified(out.toByteArray(), SIGN_2026).getRevokedCertificates()).isEmpty();
    }
}
