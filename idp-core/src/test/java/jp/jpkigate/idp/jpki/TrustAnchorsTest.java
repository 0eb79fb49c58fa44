package jp.jpkigate.idp.jpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.jpkigate.sim.ca.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {

    @Test
    void theProductionSetHoldsTheFourRealJlisRoots() {
        TrustAnchors jlis = TrustAnchors.jlis();

        assertThat(jlis.all()).hasSize(4);
        assertThat(fingerprint(jlis, "jlis:sign_ca_2023")).startsWith("D227F6CD").endsWith("FA365F");
        assertThat(fingerprint(jlis, "jlis:auth_ca_2023")).startsWith("64114F29").endsWith("C322B5");
        assertThat(fingerprint(jlis, "jlis:sign_ca_2015")).startsWith("19645405").endsWith("FC9355");
        assertThat(fingerprint(jlis, "jlis:auth_ca_2015")).startsWith("4DCFC4CA").endsWith("58CA7D");
        assertThat(jlis.all()).allSatisfy(anchor -> {
            assertThat(anchor.certificate().getSubjectX500Principal().getName()).contains("O=JPKI,");
            assertThat(anchor.subjectKeyIdentifier()).hasSize(40);
            assertThat(anchor.keyHash()).hasSize(40);
        });
        assertThat(jlis.byId("jlis:sign_ca_2023").orElseThrow().subjectKeyIdentifier())
                .isEqualTo("D21EA55895617E93ADBF966B941AB4EDF653F08F");
    }

    @Test
    void theRealJlisEncodingPassesTheStrictDerParser() throws Exception {
        for (TrustAnchor anchor : TrustAnchors.jlis().all()) {
            ParsedCertificate parsed = ParsedCertificate.parse(anchor.certificate().getEncoded());
            assertThat(parsed.certificate()).isEqualTo(anchor.certificate());
        }
    }

    @Test
    void generationsWithOneDnAreToldApartByKey() {
        TrustAnchors jlis = TrustAnchors.jlis();
        TrustAnchor sign2015 = jlis.byId("jlis:sign_ca_2015").orElseThrow();
        TrustAnchor sign2023 = jlis.byId("jlis:sign_ca_2023").orElseThrow();

        assertThat(sign2015.certificate().getSubjectX500Principal())
                .isEqualTo(sign2023.certificate().getSubjectX500Principal());
        assertThat(jlis.withKeyIdentifier(sign2023.subjectKeyIdentifier())).containsExactly(sign2023);
        assertThat(jlis.withKeyIdentifier(sign2015.keyHash())).containsExactly(sign2015);
    }

    @Test
    void theSimulatorSetLoadsFromADirectoryOrAFileAtRuntime(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sign-2023.pem"), Pem.write(SimPki.SIGN_2023.certificate()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("auth-2023.pem"), Pem.write(SimPki.AUTH_2023.certificate()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("readme.txt"), "not a PEM", StandardCharsets.US_ASCII);
        Path bundle = dir.resolve("bundle.crt");
        Files.writeString(bundle, Pem.write(SimPki.SIGN_2026.certificate()) + Pem.write(SimPki.SIGN_EC_2024.certificate()));

        TrustAnchors fromDirectory = TrustAnchors.fromPath("sim", dir);
        TrustAnchors fromBundle = TrustAnchors.fromPath("sim", bundle);

        assertThat(fromDirectory.all()).extracting(TrustAnchor::id).containsExactly("sim:auth-2023", "sim:sign-2023");
        assertThat(fromBundle.all()).extracting(TrustAnchor::id).containsExactly("sim:bundle.crt", "sim:bundle.crt#1");
        assertThat(TrustAnchors.fromPaths("sim", List.of(dir.resolve("sign-2023.pem"), bundle)).all())
                .extracting(TrustAnchor::id).containsExactly("sim:sign-2023", "sim:bundle.crt", "sim:bundle.crt#1");
        assertThat(TrustAnchors.jlis().plus(fromDirectory).all()).hasSize(6);
        assertThat(fromDirectory.plus(fromDirectory).all()).hasSize(2);
    }

    @Test
    void badConfigurationFailsFast(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TrustAnchors.classpath("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trust/nope/anchors.list");
        assertThatThrownBy(() -> TrustAnchors.fromPath("sim", dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> TrustAnchors.of("sim", List.of(SimPki.issue(SimPki.AUTH_2023,
                jp.jpkigate.sim.ca.CertificateType.AUTH_CARD))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CA");
    }

    private static String fingerprint(TrustAnchors anchors, String id) {
        return anchors.byId(id).orElseThrow().sha256Fingerprint();
    }
}
