package jp.jpkigate.idp.mtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.token.Confirmation;
import jp.jpkigate.testing.TestPki;
import org.junit.jupiter.api.Test;

/** RFC 8705 §3 binding rules, and the one {@code cnf} shape DPoP and mutual TLS share. */
class MtlsBindingTest {
    private static final TestPki PKI = TestPki.create("Binding CA", Instant.now());
    private static final ClientCertificate CERT = ClientCertificate.of(PKI.client("CN=a").certificate());
    private static final ClientCertificate OTHER = ClientCertificate.of(PKI.client("CN=a").certificate());

    @Test
    void aBoundClientsTokenIsBoundToItsCertificateAndNeedsOne() throws Exception {
        assertThat(CertificateBinding.forAccessToken(true, Optional.of(CERT))).contains(CERT.thumbprint());
        assertThat(CertificateBinding.forAccessToken(false, Optional.of(CERT))).as("not asked for: not bound").isEmpty();
        assertThatThrownBy(() -> CertificateBinding.forAccessToken(true, Optional.empty()))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error().code()).isEqualTo("invalid_request"));
        assertThat(CertificateBinding.sameCertificate(CERT.thumbprint(), Optional.of(CERT))).isTrue();
        assertThat(CertificateBinding.sameCertificate(CERT.thumbprint(), Optional.of(OTHER))).isFalse();
        assertThat(CertificateBinding.sameCertificate(CERT.thumbprint(), Optional.empty())).isFalse();
    }

    @Test
    void aThumbprintIsTheBase64urlSha256OfTheDer() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(CERT.certificate().getEncoded());
        assertThat(CERT.thumbprint().value()).hasSize(43)
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        assertThat(CertificateThumbprint.parse("too-short")).isEmpty();
    }

    @Test
    void cnfCarriesExactlyOneKnownConfirmationMethod() {
        String x5t = CERT.thumbprint().value();
        Confirmation certificate = Confirmation.certificateThumbprint(CERT.thumbprint());
        assertThat(certificate.toClaim()).isEqualTo(Map.of("x5t#S256", x5t));
        assertThat(Confirmation.fromClaim(certificate.toClaim())).contains(certificate);
        Confirmation dpop = Confirmation.jwkThumbprint(new JwkThumbprint(x5t));
        assertThat(Confirmation.fromClaim(Map.of("jkt", x5t))).contains(dpop);
        assertThat(dpop.isCertificate()).isFalse();
        assertThat(dpop.dpopKey()).contains(new JwkThumbprint(x5t));
        assertThat(dpop.certificate()).isEmpty();
        assertThat(certificate.certificate()).contains(CERT.thumbprint());
        assertThat(Confirmation.fromClaim(null)).isEmpty();
        for (Object bad : List.of(Map.of("jwk", x5t), Map.of("jkt", x5t, "x5t#S256", x5t), Map.of("x5t#S256", "short"),
                Map.of("x5t#S256", 42), "x5t", Map.of())) {
            assertThatThrownBy(() -> Confirmation.fromClaim(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
