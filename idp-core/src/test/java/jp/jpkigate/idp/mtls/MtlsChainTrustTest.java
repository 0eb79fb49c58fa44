package jp.jpkigate.idp.mtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import jp.jpkigate.testing.TestPki;
import org.junit.jupiter.api.Test;

/** The PKI check of tls_client_auth: a path to a configured client CA, at the injected clock. */
class MtlsChainTrustTest {
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static final TestPki CA = TestPki.create("Client CA", NOW);
    private static final TestPki OTHER = TestPki.create("Client CA", NOW);
    private final ClientCertificateTrust trust = new ClientCertificateTrust(List.of(CA.caCertificate()), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCertificateOfTheCaIsTrustedOneOfAnotherCaWithTheSameNameIsNot() {
        assertThat(trust.trusts(ClientCertificate.of(CA.client("CN=tls-bank").certificate()))).isTrue();
        assertThat(trust.trusts(ClientCertificate.of(OTHER.client("CN=tls-bank").certificate()))).isFalse();
        assertThat(trust.trusts(ClientCertificate.of(TestPki.selfSigned("CN=tls-bank", TestPki.ecKeys(), NOW).certificate())))
                .isFalse();
    }

    @Test
    void validityIsJudgedByTheInjectedClock() {
        ClientCertificate expired = ClientCertificate.of(CA.client("CN=tls-bank", NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofSeconds(1))).certificate());
        ClientCertificate future = ClientCertificate.of(CA.client("CN=tls-bank", NOW.plus(Duration.ofMinutes(1)),
                NOW.plus(Duration.ofDays(30))).certificate());
        assertThat(trust.trusts(expired)).isFalse();
        assertThat(trust.trusts(future)).isFalse();
        assertThat(new ClientCertificateTrust(List.of(CA.caCertificate()), Clock.fixed(NOW.plus(Duration.ofMinutes(2)), ZoneOffset.UTC))
                .trusts(future)).isTrue();
    }

    @Test
    void aServerCertificateIsNotForClientAuthentication() {
        assertThat(trust.trusts(ClientCertificate.of(CA.server().certificate()))).isFalse();
    }

    @Test
    void withoutCasNothingIsTrusted() {
        ClientCertificateTrust none = ClientCertificateTrust.none(Clock.systemUTC());
        assertThat(none.hasCas()).isFalse();
        assertThat(none.trusts(ClientCertificate.of(CA.client("CN=tls-bank").certificate()))).isFalse();
    }
}
