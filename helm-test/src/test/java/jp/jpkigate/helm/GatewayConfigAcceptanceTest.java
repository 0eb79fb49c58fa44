package jp.jpkigate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.config.Mode;
import jp.jpkigate.gateway.config.TrustAnchors;
import org.junit.jupiter.api.Test;

/**
 * The config.json and environment the chart renders are ones the gateway itself accepts
 * ({@link ConfigLoader}, every key and rule of prod mode), for the production example and the dev preset.
 */
class GatewayConfigAcceptanceTest {
    @Test
    void theProductionExampleIsAValidProdConfiguration() throws Exception {
        Chart.Rendered prod = Chart.render(Chart.PROD);
        GatewayConfig config = ConfigLoader.parse(Helpers.configJson(prod).encode(), Helpers.env(prod, Map.of()));

        assertThat(config.mode()).isEqualTo(Mode.PROD);
        assertThat(config.trustAnchors()).isEqualTo(TrustAnchors.JLIS);
        assertThat(config.http().publicBaseUrl()).isEqualTo("https://id.pf.example.jp");
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.redis().externalUrl()).contains("redis://gate-jpki-gate-redis:6379");
        assertThat(config.revocation().refresh().toSeconds()).isEqualTo(900);
        assertThat(config.revocation().grace().toSeconds()).as("the fail-closed bound").isEqualTo(3600);
        assertThat(config.revocation().ocspCertFile()).hasToString("/etc/jpki-gate/ocsp/cert.pem");
        assertThat(config.oidc().pairwiseSecretFile()).hasToString("/etc/jpki-gate/pairwise/secret");
        assertThat(config.keys().encryptionKeyFile()).hasToString("/etc/jpki-gate/kek/kek");
        assertThat(config.jlis().url()).isEqualTo("https://jlis.example.jp");
        assertThat(config.admin().enabled()).isTrue();
        assertThat(config.metrics().port()).isEqualTo(9090);
        assertThat(config.http().tls().clientCertHeader()).isEqualTo("ssl-client-cert");
    }

    @Test
    void theDevPresetRunsTheSimulatorWithItsTrustAnchorsOnOneReplica() throws Exception {
        Chart.Rendered dev = Chart.render(Chart.DEV);
        GatewayConfig config = ConfigLoader.parse(Helpers.configJson(dev).encode(), Helpers.env(dev, Map.of()));

        assertThat(config.mode()).isEqualTo(Mode.DEV);
        assertThat(config.simulator().enabled()).isTrue();
        assertThat(config.trustAnchors()).isEqualTo(TrustAnchors.SIM);
        assertThat(config.http().host()).as("reachable from the Service").isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).hasToString("/data");
        assertThat(dev.one("Deployment").at("spec.replicas")).isEqualTo(1);
        assertThat(dev.all("HorizontalPodAutoscaler")).isEmpty();
        assertThat(dev.all("PodDisruptionBudget")).isEmpty();
        assertThat(dev.one("StatefulSet").str("metadata.name")).isEqualTo("gate-jpki-gate-redis");
    }
}
