package jp.jpkigate.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad values fail: the schema rejects unknown keys and wrong types; validateValues lists every mistake at once. */
class ValuesValidationTest {
    @Test
    void unknownKeysAreRejectedByTheSchema() {
        assertThatThrownBy(() -> Chart.render(List.of(Chart.PROD), Map.of("gateway.publicURL", "https://x.example")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("at '/gateway': additional properties 'publicURL' not allowed");
        assertThatThrownBy(() -> Chart.render(List.of(Chart.PROD), Map.of("redis.external.sentinelMasterName", "m")))
                .hasMessageContaining("sentinelMasterName");
    }

    @Test
    void wrongTypesAndValuesAreRejectedByTheSchema() {
        assertThatThrownBy(() -> Chart.render(List.of(Chart.PROD), Map.of("replicaCount", "three")))
                .hasMessageContaining("at '/replicaCount': got string, want integer");
        assertThatThrownBy(() -> Chart.render(List.of(Chart.PROD), Map.of("gateway.mode", "staging")))
                .hasMessageContaining("at '/gateway/mode': value must be one of 'prod', 'dev'");
        assertThatThrownBy(() -> Chart.render(List.of(Chart.PROD), Map.of("redis.external.topology", "ring")))
                .hasMessageContaining("at '/redis/external/topology'");
        assertThatThrownBy(() -> Chart.render(List.of(Chart.PROD), Map.of("gateway.keys.rotationDays", 5000)))
                .hasMessageContaining("at '/gateway/keys/rotationDays'");
    }

    @Test
    void theDefaultsAloneListEveryProdSettingThatIsMissing() {
        assertThatThrownBy(() -> Chart.render())
                .hasMessageContaining("VALUES VALIDATION: 7 mistake(s)")
                .hasMessageContaining("gateway.publicUrl: required in prod")
                .hasMessageContaining("gateway.jlis.url: required in prod")
                .hasMessageContaining("gateway.revocation.publisherUrl: required in prod")
                .hasMessageContaining("gateway.secrets.pairwise.name: required in prod")
                .hasMessageContaining("gateway.secrets.keyEncryptionKey.name: required in prod")
                .hasMessageContaining("gateway.secrets.ocspResponder.name: required in prod")
                .hasMessageContaining("networkPolicy.endpoints: list the CIDRs");
    }

    @Test
    void mistakesAcrossSectionsAreListedTogether() {
        Map<String, Object> bad = Map.of(
                "redis.mode", "external",
                "redis.external.topology", "sentinel",
                "redis.external.hosts[0]", "s1:26379",
                "ingress.hosts", "null",
                "gateway.publicUrl", "http://id.example.jp",
                "gateway.admin.tokensSecret.name", "",
                "gateway.clients.inline[0].client_id", "x",
                "autoscaling.minReplicas", 20);
        assertThatThrownBy(() -> Chart.render(List.of(Chart.PROD), bad))
                .hasMessageContaining("VALUES VALIDATION: 7 mistake(s)")
                .hasMessageContaining("gateway.publicUrl: must be https in prod, got http://id.example.jp")
                .hasMessageContaining("gateway.clients: set only one of inline, existingConfigMap and existingSecret")
                .hasMessageContaining("gateway.admin.tokensSecret.name: required with gateway.admin.enabled")
                .hasMessageContaining("redis.external.sentinelMaster: required with topology sentinel")
                .hasMessageContaining("networkPolicy.externalRedis.cidrs: required with external Redis")
                .hasMessageContaining("ingress.hosts: at least one host")
                .hasMessageContaining("autoscaling.minReplicas: must not exceed autoscaling.maxReplicas");
    }

    @Test
    void externalRedisNeedsAnAddressAndTheDevSimulatorOneReplica() {
        assertThatThrownBy(() -> Chart.render(List.of(Chart.PROD), Map.of("redis.mode", "external",
                "networkPolicy.externalRedis.cidrs[0]", "10.0.0.0/8")))
                .hasMessageContaining("VALUES VALIDATION: 1 mistake(s)")
                .hasMessageContaining("redis.external: needs urlSecret.name (the whole connection string) or hosts");
        assertThatThrownBy(() -> Chart.render(List.of(Chart.DEV), Map.of("replicaCount", 2)))
                .hasMessageContaining("gateway.dev.simulator: each pod would have its own simulator");
        assertThatThrownBy(() -> Chart.render(List.of(Chart.PROD), Map.of("gateway.trustAnchors", "sim", "gateway.dev.simulator", true)))
                .hasMessageContaining("gateway.trustAnchors: must be jlis in prod, got sim")
                .hasMessageContaining("gateway.dev.simulator: must be false in prod");
        assertThat(Chart.render(List.of(Chart.DEV), Map.of()).kinds()).contains("Deployment");
    }
}
