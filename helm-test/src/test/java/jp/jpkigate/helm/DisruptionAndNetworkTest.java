package jp.jpkigate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PodDisruptionBudget only with more than one replica; NetworkPolicy: the ingress controller (public port) and
 * Prometheus (metrics port) in, DNS, Redis and the listed endpoints out; the ServiceMonitor scrapes the metrics port.
 */
class DisruptionAndNetworkTest {
    @Test
    void aPdbOnlyWithMoreThanOneReplica() {
        assertThat(pdbs(Map.of())).as("HPA minimum 3").hasSize(1);
        assertThat(pdbs(Map.of("autoscaling.minReplicas", 1))).as("HPA minimum 1").isEmpty();
        assertThat(pdbs(Map.of("autoscaling.enabled", false, "replicaCount", 1))).isEmpty();
        assertThat(pdbs(Map.of("autoscaling.enabled", false, "replicaCount", 2))).hasSize(1)
                .first().satisfies(pdb -> {
                    assertThat(pdb.at("spec.maxUnavailable")).isEqualTo(1);
                    assertThat(pdb.map("spec.selector.matchLabels")).containsEntry("app.kubernetes.io/component", "gateway");
                });
        assertThat(pdbs(Map.of("pdb.enabled", false))).isEmpty();
    }

    @Test
    void onlyTheIngressControllerAndPrometheusComeIn() {
        Yamls policy = Chart.render(List.of(Chart.PROD), Map.of("gateway.admin.enabled", false))
                .named("NetworkPolicy", "gate-jpki-gate");
        assertThat(policy.list("spec.policyTypes")).containsExactly("Ingress", "Egress");
        List<Yamls> ingress = policy.each("spec.ingress");
        assertThat(ingress).hasSize(2);
        assertThat(ingress.get(0).map("from[0].namespaceSelector.matchLabels")).containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
        assertThat(ingress.get(0).map("from[0].podSelector.matchLabels")).containsEntry("app.kubernetes.io/name", "ingress-nginx");
        assertThat(ingress.get(0).each("ports")).extracting(p -> p.str("port")).containsExactly("http");
        assertThat(ingress.get(1).map("from[0].namespaceSelector.matchLabels")).containsEntry("kubernetes.io/metadata.name", "monitoring");
        assertThat(ingress.get(1).each("ports")).as("Prometheus: the metrics listener only, never the public one")
                .extracting(p -> p.str("port")).containsExactly("metrics");

        Yamls custom = Chart.render(List.of(Chart.PROD), Map.of(
                "networkPolicy.ingressController.namespaceSelector.matchLabels.team", "edge")).named("NetworkPolicy", "gate-jpki-gate");
        assertThat(custom.map("spec.ingress[0].from[0].namespaceSelector.matchLabels")).containsEntry("team", "edge");
    }

    @Test
    void onlyDnsRedisAndTheListedEndpointsGoOut() {
        Chart.Rendered prod = Chart.render(Chart.PROD);
        List<Yamls> egress = prod.named("NetworkPolicy", "gate-jpki-gate").each("spec.egress");
        assertThat(egress).hasSize(4);
        assertThat(egress.get(0).each("ports")).extracting(p -> p.at("port") + "/" + p.str("protocol")).containsExactly("53/UDP", "53/TCP");
        assertThat(egress.get(1).map("to[0].podSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "redis");
        assertThat(egress.get(2).str("to[0].ipBlock.cidr")).isEqualTo("203.0.113.0/24");
        assertThat(egress.get(3).str("to[0].ipBlock.cidr")).isEqualTo("198.51.100.0/24");
        assertThat(egress.subList(2, 4)).allSatisfy(rule -> assertThat(rule.each("ports")).extracting(p -> p.at("port")).containsExactly(443));

        Yamls redis = prod.named("NetworkPolicy", "gate-jpki-gate-redis");
        assertThat(redis.map("spec.ingress[0].from[0].podSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "gateway");
        assertThat(redis.list("spec.egress")).isEmpty();

        assertThat(Chart.render(List.of(Chart.PROD), Map.of("networkPolicy.enabled", false)).all("NetworkPolicy")).isEmpty();
    }

    /** Every text on the metrics port (the public listener serves none of them), plain HTTP even when the public one is TLS. */
    @Test
    void monitoringScrapesMetricsAndTheModulesTexts() {
        Chart.Rendered prod = Chart.render(Chart.PROD);
        Yamls monitor = prod.one("ServiceMonitor");
        assertThat(monitor.each("spec.endpoints")).extracting(e -> e.str("port") + " " + e.str("path"))
                .containsExactly("metrics /metrics", "metrics /revocation/metrics", "metrics /feed/metrics");
        assertThat(Chart.render(List.of(Chart.PROD), Map.of("gateway.tls.existingSecret", "gate-tls")).one("ServiceMonitor")
                .each("spec.endpoints")).allSatisfy(endpoint -> assertThat(endpoint.str("scheme")).isNull());
        assertThat(prod.named("Service", "gate-jpki-gate").each("spec.ports")).extracting(p -> p.str("name"))
                .containsExactly("http", "metrics");
        Yamls dashboard = prod.named("ConfigMap", "gate-jpki-gate-dashboard");
        assertThat(dashboard.map("metadata.labels")).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.key("data", "jpki-gate.json")).contains("jpki_revocation_issuer_data_age_seconds")
                .contains("jpkigate_feed_outbox_depth").contains("vertx_http_server_requests_total");
        assertThat(new io.vertx.core.json.JsonObject(dashboard.key("data", "jpki-gate.json")).getJsonArray("panels")).hasSize(6);
    }

    private static List<Yamls> pdbs(Map<String, Object> sets) {
        return Chart.render(List.of(Chart.PROD), sets).all("PodDisruptionBudget");
    }
}
