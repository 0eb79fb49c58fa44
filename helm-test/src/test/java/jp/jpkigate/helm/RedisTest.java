package jp.jpkigate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.gateway.redis.RedisTopology;
import io.vertx.redis.client.RedisClientType;
import org.junit.jupiter.api.Test;

/** Redis: the built-in StatefulSet, or an external standalone, Sentinel or Cluster Redis, credentials from Secrets. */
class RedisTest {
    @Test
    void theBuiltInRedisSyncsEveryWriteToItsAofOnAVolume() {
        Chart.Rendered prod = Chart.render(Chart.PROD);
        Yamls redis = prod.one("StatefulSet");
        assertThat(redis.at("spec.replicas")).isEqualTo(1);
        assertThat(redis.str("spec.volumeClaimTemplates[0].spec.resources.requests.storage")).isEqualTo("8Gi");
        assertThat(prod.named("ConfigMap", "gate-jpki-gate-redis").key("data", "redis.conf"))
                .contains("appendonly yes").contains("appendfsync always").contains("dir /data");
        Yamls container = redis.get("spec.template.spec.containers[0]");
        assertThat(container.str("image")).isEqualTo("redis:7.4.2-alpine");
        assertThat(container.map("securityContext")).containsEntry("readOnlyRootFilesystem", true);
        assertThat(redis.map("spec.template.spec.securityContext")).containsEntry("runAsNonRoot", true);
        assertThat(prod.named("Service", "gate-jpki-gate-redis").at("spec.clusterIP")).isEqualTo("None");
    }

    @Test
    void theBuiltInRedisPasswordComesFromASecret() throws Exception {
        Chart.Rendered rendered = Chart.render(List.of(Chart.PROD), Map.of("redis.builtin.auth.existingSecret", "redis-auth"));
        Yamls redis = rendered.one("StatefulSet").get("spec.template.spec.containers[0]");
        assertThat(redis.list("args")).containsExactly("/etc/redis/redis.conf", "--requirepass", "$(REDIS_PASSWORD)");
        assertThat(redis.str("env[0].valueFrom.secretKeyRef.name")).isEqualTo("redis-auth");
        assertThat(redisUrl(rendered, "s3cret")).isEqualTo("redis://:s3cret@gate-jpki-gate-redis:6379");
    }

    @Test
    void anExternalStandaloneRedisWithTls() throws Exception {
        Chart.Rendered rendered = Chart.render(Chart.PROD, Chart.example("values-redis-standalone.yaml"));
        assertThat(rendered.all("StatefulSet")).isEmpty();
        String url = redisUrl(rendered, "pw");
        assertThat(url).isEqualTo("rediss://:pw@redis.data.svc.cluster.local:6380");
        assertThat(RedisTopology.parse(url).type()).isEqualTo(RedisClientType.STANDALONE);
        assertThat(env(rendered, "REDIS_PASSWORD").str("valueFrom.secretKeyRef.name")).isEqualTo("jpki-gate-redis");
        assertThat(env(rendered, "REDIS_URL").str("value")).as("the password stays in its Secret")
                .isEqualTo("rediss://:$(REDIS_PASSWORD)@redis.data.svc.cluster.local:6380");
    }

    @Test
    void anExternalSentinelWatchedRedis() throws Exception {
        Chart.Rendered rendered = Chart.render(Chart.PROD, Chart.example("values-redis-sentinel.yaml"));
        String url = redisUrl(rendered, "pw");
        assertThat(url).isEqualTo("rediss-sentinel://:pw@redis-node-0.redis-headless.data:26379,"
                + "redis-node-1.redis-headless.data:26379,redis-node-2.redis-headless.data:26379?master=jpki");
        RedisTopology topology = RedisTopology.parse(url);
        assertThat(topology.type()).isEqualTo(RedisClientType.SENTINEL);
        assertThat(topology.master()).isEqualTo("jpki");
        assertThat(topology.endpoints()).hasSize(3).allSatisfy(endpoint -> assertThat(endpoint).startsWith("rediss://:pw@"));
        Yamls redisEgress = egressTo(rendered, "10.20.0.0/16");
        assertThat(redisEgress.each("ports")).extracting(p -> p.at("port")).containsExactly(6379, 26379);
    }

    @Test
    void anExternalClusterFromAConnectionStringSecret() throws Exception {
        Chart.Rendered rendered = Chart.render(Chart.PROD, Chart.example("values-redis-cluster.yaml"));
        Yamls url = env(rendered, "REDIS_URL");
        assertThat(url.str("valueFrom.secretKeyRef.name")).isEqualTo("jpki-gate-redis-url");
        assertThat(url.str("valueFrom.secretKeyRef.key")).isEqualTo("redis-url");
        assertThat(url.at("value")).isNull();
        assertThat(ConfigLoader.parse(Helpers.configJson(rendered).encode(), Helpers.env(rendered,
                Map.of("REDIS_URL", "rediss-cluster://app:pw@c1:6379,c2:6379,c3:6379"))).redis().externalUrl()).isPresent();
        assertThat(egressTo(rendered, "10.30.0.0/16").each("ports")).extracting(p -> p.at("port")).containsExactly(6379);
        assertThat(rendered.all("NetworkPolicy")).as("no policy for a Redis the chart does not run").hasSize(1);
    }

    private static String redisUrl(Chart.Rendered rendered, String password) throws Exception {
        Map<String, String> env = Helpers.env(rendered, Map.of("REDIS_PASSWORD", password));
        return ConfigLoader.parse(Helpers.configJson(rendered).encode(), env).redis().externalUrl().orElseThrow();
    }

    private static Yamls env(Chart.Rendered rendered, String name) {
        return rendered.one("Deployment").each("spec.template.spec.containers[0].env").stream()
                .filter(e -> name.equals(e.str("name"))).findFirst().orElseThrow();
    }

    private static Yamls egressTo(Chart.Rendered rendered, String cidr) {
        return rendered.named("NetworkPolicy", "gate-jpki-gate").each("spec.egress").stream()
                .filter(rule -> rule.each("to").stream().anyMatch(to -> cidr.equals(to.str("ipBlock.cidr"))))
                .findFirst().orElseThrow();
    }
}
