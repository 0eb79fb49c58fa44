package jp.jpkigate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's Deployment with the production example: scaling, probes, shutdown, security, secrets by reference. */
class GatewayDeploymentTest {
    private final Chart.Rendered prod = Chart.render(Chart.PROD);
    private final Yamls deployment = prod.one("Deployment");
    private final Yamls pod = deployment.get("spec.template.spec");
    private final Yamls container = pod.get("containers[0]");

    @Test
    void theHpaOwnsTheReplicasAndRollingUpdatesSurgeWithoutLosingCapacity() {
        assertThat(deployment.at("spec.replicas")).as("the HPA sets them").isNull();
        Yamls hpa = prod.one("HorizontalPodAutoscaler");
        assertThat(hpa.str("apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(hpa.at("spec.minReplicas")).isEqualTo(3);
        assertThat(hpa.at("spec.maxReplicas")).isEqualTo(12);
        assertThat(hpa.at("spec.metrics[0].resource.target.averageUtilization")).isEqualTo(70);
        assertThat(deployment.map("spec.strategy.rollingUpdate")).containsEntry("maxSurge", "25%").containsEntry("maxUnavailable", 0);

        Chart.Rendered fixed = Chart.render(List.of(Chart.PROD), Map.of("autoscaling.enabled", false, "replicaCount", 5));
        assertThat(fixed.one("Deployment").at("spec.replicas")).isEqualTo(5);
        assertThat(fixed.all("HorizontalPodAutoscaler")).isEmpty();
    }

    @Test
    void replicasSpreadAcrossZonesAndNodes() {
        List<Yamls> spread = pod.each("topologySpreadConstraints");
        assertThat(spread).extracting(c -> c.str("topologyKey"))
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(spread.get(0).map("labelSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "gateway");
        assertThat(spread.get(0).list("matchLabelKeys")).containsExactly("pod-template-hash");
    }

    @Test
    void probesUseTheHealthEndpoints() {
        assertThat(container.str("readinessProbe.httpGet.path")).isEqualTo("/health/ready");
        assertThat(container.str("livenessProbe.httpGet.path")).isEqualTo("/health/live");
        assertThat(container.str("startupProbe.httpGet.path")).isEqualTo("/health/live");
        assertThat(container.str("readinessProbe.httpGet.port")).isEqualTo("http");
        assertThat(container.str("readinessProbe.httpGet.scheme")).isEqualTo("HTTP");
        assertThat(container.each("ports")).extracting(p -> p.str("name") + ":" + p.at("containerPort"))
                .containsExactly("http:8080", "metrics:9090", "admin:8082");

        Yamls tls = Chart.render(List.of(Chart.PROD), Map.of("gateway.tls.existingSecret", "gate-tls"))
                .one("Deployment").get("spec.template.spec.containers[0]");
        assertThat(tls.str("readinessProbe.httpGet.scheme")).as("the gateway terminates TLS").isEqualTo("HTTPS");
    }

    @Test
    void theGracePeriodCoversThePreStopSleepAndTheGatewaysDrain() {
        assertThat(container.list("lifecycle.preStop.exec.command")).containsExactly("sleep", "10");
        assertThat(Helpers.configJson(prod).getJsonObject("shutdown").getInteger("drainSeconds")).isEqualTo(20);
        assertThat(pod.at("terminationGracePeriodSeconds")).isEqualTo(10 + 20 + 15);

        Chart.Rendered longer = Chart.render(List.of(Chart.PROD), Map.of("shutdown.drainSeconds", 60, "shutdown.preStopSleepSeconds", 5));
        assertThat(longer.one("Deployment").at("spec.template.spec.terminationGracePeriodSeconds")).isEqualTo(80);
        assertThat(Helpers.configJson(longer).getJsonObject("shutdown").getInteger("drainSeconds")).isEqualTo(60);
    }

    @Test
    void thePodRunsAsNonRootOnAReadOnlyRootWithoutCapabilitiesOrAToken() {
        assertThat(pod.map("securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001)
                .containsEntry("fsGroup", 10001);
        assertThat(pod.str("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(pod.at("automountServiceAccountToken")).isEqualTo(false);
        assertThat(prod.one("ServiceAccount").at("automountServiceAccountToken")).isEqualTo(false);
        assertThat(container.map("securityContext")).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false).containsEntry("runAsNonRoot", true);
        assertThat(container.list("securityContext.capabilities.drop")).containsExactly("ALL");
        assertThat(container.str("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(container.each("volumeMounts")).extracting(m -> m.str("mountPath")).contains("/tmp", "/data");
        assertThat(pod.each("volumes")).filteredOn(v -> List.of("tmp", "data").contains(v.str("name")))
                .allSatisfy(v -> assertThat(v.str("emptyDir.sizeLimit")).isEqualTo("256Mi"));
        assertThat(container.map("resources.requests")).containsKeys("cpu", "memory");
        assertThat(container.map("resources.limits")).containsKeys("cpu", "memory");
    }

    @Test
    void secretsAreMountedFromExistingSecretsNeverInlined() {
        assertThat(prod.all("Secret")).as("the chart creates no Secret").isEmpty();
        Map<String, String> secretVolumes = new java.util.TreeMap<>();
        pod.each("volumes").stream().filter(v -> v.at("secret") != null)
                .forEach(v -> secretVolumes.put(v.str("name"), v.str("secret.secretName")));
        assertThat(secretVolumes).containsExactlyInAnyOrderEntriesOf(Map.of("clients", "jpki-gate-clients",
                "pairwise", "jpki-gate-pairwise", "kek", "jpki-gate-kek", "ocsp", "jpki-gate-ocsp-responder"));
        assertThat(pod.each("volumes")).filteredOn(v -> v.at("secret") != null)
                .allSatisfy(v -> assertThat(v.at("secret.defaultMode")).isEqualTo(0440));
        Map<String, String> fromSecrets = new java.util.TreeMap<>();
        container.each("env").stream().filter(e -> e.at("valueFrom.secretKeyRef") != null)
                .forEach(e -> fromSecrets.put(e.str("name"), e.str("valueFrom.secretKeyRef.name")));
        assertThat(fromSecrets).isEqualTo(Map.of("JPKI_GATE_ADMIN_TOKENS", "jpki-gate-admin-tokens",
                "JPKI_GATE_REVOCATION_CLIENTS", "jpki-gate-revocation-clients"));
        assertThat(prod.text()).doesNotContainIgnoringCase("password:").doesNotContain("BEGIN ");
    }

    @Test
    void aChangedConfigurationRollsThePods() {
        String checksum = deployment.str("spec.template.metadata.annotations.checksum/config");
        assertThat(checksum).matches("[0-9a-f]{64}");
        Chart.Rendered again = Chart.render(Chart.PROD);
        assertThat(again.one("Deployment").str("spec.template.metadata.annotations.checksum/config")).isEqualTo(checksum);
        Chart.Rendered changed = Chart.render(List.of(Chart.PROD), Map.of("gateway.revocation.refreshSeconds", 600));
        assertThat(changed.one("Deployment").str("spec.template.metadata.annotations.checksum/config")).isNotEqualTo(checksum);

        Chart.Rendered inline = Chart.render(List.of(Chart.PROD), Map.of("gateway.clients.existingSecret", "",
                "gateway.clients.inline[0].client_id", "bank-a"));
        Chart.Rendered other = Chart.render(List.of(Chart.PROD), Map.of("gateway.clients.existingSecret", "",
                "gateway.clients.inline[0].client_id", "bank-b"));
        assertThat(inline.named("ConfigMap", "gate-jpki-gate-clients").key("data", "clients.json")).contains("\"bank-a\"");
        assertThat(inline.one("Deployment").str("spec.template.metadata.annotations.checksum/clients"))
                .isNotEqualTo(other.one("Deployment").str("spec.template.metadata.annotations.checksum/clients"));
    }

    @Test
    void onlyThePublicListenerIsBehindTheIngress() {
        Yamls ingress = prod.one("Ingress");
        assertThat(ingress.str("spec.ingressClassName")).isEqualTo("nginx");
        assertThat(ingress.list("spec.tls[0].hosts")).containsExactly("id.pf.example.jp");
        assertThat(ingress.str("spec.tls[0].secretName")).isEqualTo("id-pf-example-jp-tls");
        assertThat(ingress.str("spec.rules[0].http.paths[0].backend.service.port.name")).isEqualTo("http");
        assertThat(prod.named("Service", "gate-jpki-gate-admin").str("spec.type")).isEqualTo("ClusterIP");
    }
}
