package jp.jpkigate.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisTopologyTest {
    @Test
    void aPlainUrlIsOneStandaloneRedis() {
        RedisOptions options = RedisTopology.parse("rediss://:pw@redis:6380/2").applyTo(new RedisOptions());

        assertThat(options.getType()).isEqualTo(RedisClientType.STANDALONE);
        assertThat(options.getEndpoints()).containsExactly("rediss://:pw@redis:6380/2");
    }

    @Test
    void sentinelsAreAskedForTheNamedMaster() {
        RedisTopology topology = RedisTopology.parse("rediss-sentinel://app:pw@s1:26379, s2:26379,s3/0?master=jpki");
        RedisOptions options = topology.applyTo(new RedisOptions());

        assertThat(options.getType()).isEqualTo(RedisClientType.SENTINEL);
        assertThat(options.getEndpoints()).containsExactly("rediss://app:pw@s1:26379/0", "rediss://app:pw@s2:26379/0",
                "rediss://app:pw@s3/0");
        assertThat(options.getMasterName()).isEqualTo("jpki");
        assertThat(options.getRole()).isEqualTo(RedisRole.MASTER);
        assertThat(RedisTopology.parse("redis-sentinel://s1:26379?sentinelMasterId=m").master()).isEqualTo("m");
    }

    @Test
    void clusterSeedsAreEveryNodeListedAndOnlyMastersServe() {
        RedisOptions options = RedisTopology.parse("redis-cluster://:pw@c1:6379,c2:6379,c3:6379").applyTo(new RedisOptions());

        assertThat(options.getType()).isEqualTo(RedisClientType.CLUSTER);
        assertThat(options.getEndpoints()).isEqualTo(List.of("redis://:pw@c1:6379", "redis://:pw@c2:6379", "redis://:pw@c3:6379"));
        assertThat(options.getUseReplicas()).isEqualTo(RedisReplicas.NEVER);
    }

    @Test
    void mistakesNeverShowThePassword() {
        assertThatThrownBy(() -> RedisTopology.parse("redis-sentinel://:secret@s1:26379"))
                .hasMessage("redis.url of a Sentinel needs ?master=<name>");
        assertThatThrownBy(() -> RedisTopology.parse("redis-cluster://:secret@c1,,c2"))
                .hasMessage("redis.url names an empty host in its list");
        assertThatThrownBy(() -> RedisTopology.parse("http://:secret@c1"))
                .hasMessageStartingWith("redis.url must start with").hasMessageNotContaining("secret");
    }
}
