package jp.jpkigate.revocation.responder;

import static jp.jpkigate.revocation.responder.TestPki.NOW;
import static jp.jpkigate.revocation.responder.TestPki.openssl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import jp.jpkigate.testing.MutableClock;

@ExtendWith(VertxExtension.class)
class OcspResponderIdentityTest {
    @TempDir
    Path dir;

    @Test
    void generatedIdentityIsAnEcP256OcspSignerForOneYear() throws Exception {
        OcspResponderIdentity identity = OcspResponderIdentity.generateSelfSigned(new MutableClock(NOW), new SecureRandom());
        var certificate = identity.certificate();
        assertThat(identity.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.9");
        assertThat(certificate.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId())).isNotNull();
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(identity.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(identity.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void readsOpensslMadePemFilesAndRefusesAKeyOfAnotherCertificate(Vertx vertx, VertxTestContext ctx) {
        String ecKey = dir.resolve("ec.key").toString();
        String ecCert = dir.resolve("ec.pem").toString();
        openssl(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes",
                "-keyout", ecKey, "-out", ecCert, "-subj", "/CN=responder", "-days", "2"));
        String legacyKey = dir.resolve("legacy.key").toString();
        openssl(List.of("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", legacyKey));
        String legacyCert = dir.resolve("legacy.pem").toString();
        openssl(List.of("req", "-x509", "-key", legacyKey, "-out", legacyCert, "-subj", "/CN=legacy", "-days", "2"));

        OcspResponderIdentity ec = OcspResponderIdentity.fromPem(read(ecCert), read(ecKey));
        assertThat(ec.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
        assertThat(OcspResponderIdentity.fromPem(read(legacyCert), read(legacyKey)).signatureAlgorithm())
                .isEqualTo("SHA256withECDSA");
        assertThatThrownBy(() -> OcspResponderIdentity.fromPem(read(ecCert), read(legacyKey)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> OcspResponderIdentity.fromPem(read(ecKey), read(ecKey)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no CERTIFICATE");
        assertThatThrownBy(() -> OcspResponderIdentity.fromPem("", read(ecKey)))
                .isInstanceOf(IllegalArgumentException.class);

        OcspResponderIdentity.load(vertx, Path.of(ecCert), Path.of(ecKey)).onComplete(ctx.succeeding(loaded -> {
            ctx.verify(() -> assertThat(loaded.certificate()).isEqualTo(ec.certificate()));
            ctx.completeNow();
        }));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
