package jp.jpkigate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void masksThePasswordOnly() {
        assertThat(Secrets.maskUrl("redis://default:s3cr3t@redis:6379/0")).isEqualTo("redis://default:****@redis:6379/0");
        assertThat(Secrets.maskUrl("rediss://:s3cr3t@redis:6380")).isEqualTo("rediss://:****@redis:6380");
        assertThat(Secrets.maskUrl("redis://s3cr3t@redis")).isEqualTo("redis://****@redis");
        assertThat(Secrets.maskUrl("redis://u:pa/ss@w@rd@redis")).isEqualTo("redis://u:****@redis");
        assertThat(Secrets.maskUrl("redis://redis:6379")).isEqualTo("redis://redis:6379");
        assertThat(Secrets.maskUrl(null)).isNull();
    }

    @Test
    void configNeverShowsTheRedisPassword() throws Exception {
        GatewayConfig config = ConfigLoader.parse(null, Map.of("REDIS_URL", "redis://app:s3cr3t@redis:6379"));

        assertThat(config.toString()).doesNotContain("s3cr3t").contains("redis://app:****@redis:6379");
        assertThat(config.redis().toString()).doesNotContain("s3cr3t");
        assertThat(config.describe()).doesNotContain("s3cr3t").contains("redis://app:****@redis:6379");
        assertThat(config.redis().url()).isEqualTo("redis://app:s3cr3t@redis:6379");
    }

    @Test
    void mistakesNeverShowTheRedisPassword() {
        assertThatThrownBy(() -> ConfigLoader.parse(null, Map.of("REDIS_URL", "http://app:s3cr3t@redis")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .doesNotContain("s3cr3t").contains("http://app:****@redis"));
    }
}
