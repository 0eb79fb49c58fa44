package jp.jpkigate.sim.crl;

import static jp.jpkigate.sim.crl.TestPki.AUTH_2026_EC;
import static jp.jpkigate.sim.crl.TestPki.NAHA;
import static jp.jpkigate.sim.crl.TestPki.NOW;
import static jp.jpkigate.sim.crl.TestPki.SHINJUKU;
import static jp.jpkigate.sim.crl.TestPki.SIGN_2026;
import static jp.jpkigate.sim.crl.TestPki.openssl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.jpkigate.sim.ca.Providers;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.revocation.Reason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jp.jpkigate.testing.MutableClock;

class CrlPublisherTest {
    @TempDir
    Path dir;
    private final InMemoryRevocationLog log = new InMemoryRevocationLog();
    private final MutableClock clock = new MutableClock(NOW);
    private final CrlPublisher publisher = new CrlPublisher(log, clock);

    private String text(PublishedCrl crl, SimCa ca) throws IOException {
        Path file = Files.write(dir.resolve("c" + System.nanoTime() + ".crl"), crl.der());
        Path caPem = TestPki.writePem(dir, ca.id() + ".pem", ca.certificate());
        return openssl("crl", "-inform", "DER", "-in", file.toString(), "-CAfile", caPem.toString(), "-text", "-noout");
    }

    private static boolean verifies(PublishedCrl crl, SimCa ca) throws Exception {
        return new X509CRLHolder(crl.der()).isSignatureValid(
                new JcaContentVerifierProviderBuilder().setProvider(Providers.BC).build(ca.certificate()));
    }

    @Test
    void fullAndDeltaCrlsCarryReasonsNumbersAndDeltaIndicator() throws Exception {
        String ca = SIGN_2026.id();
        log.record(ca, 101, SHINJUKU, NOW.minusSeconds(3600), Reason.AFFILIATION_CHANGED);
        log.record(ca, 102, NAHA, NOW.minusSeconds(3000), Reason.SUPERSEDED);
        log.record(ca, 103, SHINJUKU, NOW.minusSeconds(2000), Reason.CERTIFICATE_HOLD);
        PublishedCrl base = publisher.full(CrlScope.caWide(SIGN_2026));
        clock.advance(Duration.ofHours(2));
        log.record(ca, 103, SHINJUKU, NOW.plusSeconds(60), Reason.REMOVE_FROM_CRL);
        log.record(ca, 104, NAHA, NOW.plusSeconds(120), Reason.CERTIFICATE_HOLD);
        log.record(ca, 105, NAHA, NOW.plusSeconds(180), Reason.UNSPECIFIED);

        PublishedCrl delta = publisher.delta(CrlScope.caWide(SIGN_2026), base.number().value());
        PublishedCrl full = publisher.full(CrlScope.caWide(SIGN_2026));

        assertThat(base.number()).isEqualTo(CrlNumber.of(3, NOW));
        assertThat(delta.number()).isEqualTo(full.number()).isEqualTo(CrlNumber.of(6, NOW.plusSeconds(7200)));
        assertThat(full.number()).isGreaterThan(base.number());
        String baseText = text(base, SIGN_2026);
        assertThat(baseText).contains("verify OK", "Version 2 (0x1)", "sha256WithRSAEncryption",
                "X509v3 CRL Number: ", "X509v3 Authority Key Identifier", "Affiliation Changed", "Superseded",
                "Certificate Hold").doesNotContain("Issuing Distribution Point", "Delta CRL Indicator");
        assertThat(baseText).contains("Next Update: Nov 21 03:00:00 2026 GMT");
        String deltaText = text(delta, SIGN_2026);
        assertThat(deltaText).contains("verify OK", "X509v3 Delta CRL Indicator: critical", "Remove From CRL",
                "Certificate Hold").doesNotContain("Affiliation Changed", "Superseded");
        assertThat(new X509CRLHolder(delta.der()).getExtension(Extension.deltaCRLIndicator)).isNotNull();
        assertThat(delta.entries()).isEqualTo(3);
        assertThat(full.entries()).isEqualTo(4);
        String fullText = text(full, SIGN_2026);
        assertThat(fullText).doesNotContain("Remove From CRL", "Serial Number: 67");
        // 105 (0x69) is listed with no reasonCode: RFC 5280 5.3.1 convention for unspecified.
        assertThat(fullText.split("Serial Number: 69")[1].split("Serial Number")[0]).doesNotContain("Reason Code");
        assertThat(verifies(full, SIGN_2026)).isTrue();
    }

    @Test
    void partitionCrlsCarryACriticalIdpAndOnlyTheirSerials() throws Exception {
        log.record(SIGN_2026.id(), 201, SHINJUKU, NOW, Reason.AFFILIATION_CHANGED);
        log.record(SIGN_2026.id(), 202, NAHA, NOW, Reason.SUPERSEDED);

        PublishedCrl naha = publisher.full(CrlScope.partition(SIGN_2026, NAHA));
        String text = text(naha, SIGN_2026);

        assertThat(naha.entries()).isEqualTo(1);
        assertThat(text).contains("X509v3 Issuing Distribution Point: critical",
                "DirName:C = JP, O = JPKI-SIM, OU = JPKI for digital signature, OU = CRL Distribution Points, "
                        + "OU = Okinawa, CN = Naha-shi CRLDP", "Superseded").doesNotContain("Affiliation Changed");
        // The IDP names exactly what the certificates of that partition carry as their CRL DP.
        byte[] certDp = TestPki.issue(SIGN_2026, 202, NAHA).getExtensionValue(Extension.cRLDistributionPoints.getId());
        assertThat(org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(certDp).getOctets()).getDistributionPoints()[0]
                .getDistributionPoint()).isEqualTo(org.bouncycastle.asn1.x509.IssuingDistributionPoint.getInstance(
                new X509CRLHolder(naha.der()).getExtension(Extension.issuingDistributionPoint).getParsedValue())
                .getDistributionPoint());
    }

    @Test
    void ecP384CaSignsWithEcdsaSha384() throws Exception {
        log.record(AUTH_2026_EC.id(), 301, SHINJUKU, NOW, Reason.CERTIFICATE_HOLD);

        PublishedCrl crl = publisher.full(CrlScope.partition(AUTH_2026_EC, SHINJUKU));

        assertThat(text(crl, AUTH_2026_EC)).contains("verify OK", "ecdsa-with-SHA384", "Certificate Hold");
        assertThat(verifies(crl, AUTH_2026_EC)).isTrue();
    }

    @Test
    void publishedCrlsAreReusedUntilTheLogChangesOrReissueIsDue() {
        log.record(SIGN_2026.id(), 1, SHINJUKU, NOW, Reason.SUPERSEDED);
        PublishedCrl first = publisher.full(CrlScope.caWide(SIGN_2026));
        clock.advance(Duration.ofMinutes(30));
        assertThat(publisher.full(CrlScope.caWide(SIGN_2026))).isSameAs(first);
        log.record(SIGN_2026.id(), 2, SHINJUKU, NOW, Reason.SUPERSEDED);
        assertThat(publisher.full(CrlScope.caWide(SIGN_2026)).number()).isGreaterThan(first.number());
    }

    @Test
    void deltaAgainstABaseFromTheFutureIsRefused() {
        log.record(SIGN_2026.id(), 1, SHINJUKU, NOW, Reason.SUPERSEDED);
        CrlScope scope = CrlScope.caWide(SIGN_2026);

        assertThatThrownBy(() -> publisher.delta(scope, CrlNumber.of(2, NOW).value()))
                .isInstanceOf(UnknownBaseCrlException.class);
        assertThatThrownBy(() -> publisher.delta(scope, CrlNumber.of(1, NOW.plusSeconds(1)).value()))
                .isInstanceOf(UnknownBaseCrlException.class);
        assertThatThrownBy(() -> publisher.delta(scope, BigInteger.ONE.shiftLeft(100)))
                .isInstanceOf(UnknownBaseCrlException.class);
        assertThat(publisher.delta(scope, BigInteger.ZERO).entries()).isEqualTo(1);
    }
}
