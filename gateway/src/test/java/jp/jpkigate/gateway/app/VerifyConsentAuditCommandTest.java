package jp.jpkigate.gateway.app;

import static jp.jpkigate.testing.TestRedis.await;
import static jp.jpkigate.testing.TestRedis.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import jp.jpkigate.consent.audit.AuditEntry;
import jp.jpkigate.consent.audit.ConsentAuditEvent;
import jp.jpkigate.consent.audit.ConsentAuditEventType;
import jp.jpkigate.consent.audit.redis.RedisConsentAuditLog;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code verify-consent-audit} against a real redis-server, as {@code Main} runs it. */
class VerifyConsentAuditCommandTest {
    private static TestRedis server;
    private static Vertx vertx;
    private static Redis redis;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        server = TestRedis.start();
        vertx = Vertx.vertx();
        redis = server.client(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
        await(vertx.close());
        server.close();
    }

    @BeforeEach
    void threeEntries() throws Exception {
        call(redis, Command.FLUSHALL);
        RedisConsentAuditLog log = new RedisConsentAuditLog(vertx, redis);
        for (int i = 1; i <= 3; i++) {
            await(log.append(ConsentAuditEvent.of(ConsentAuditEventType.CONSENT_REGISTERED,
                    Instant.parse("2026-04-01T00:00:00Z"), "bank", "c_" + i)));
        }
    }

    @Test
    void printsTheCountAndHeadOfAnIntactChain() throws Exception {
        AuditEntry last = await(new RedisConsentAuditLog(vertx, redis).read(3, 1)).get(0);

        assertThat(run("--redis", server.url())).isZero();
        assertThat(out()).isEqualTo("audit chain OK: 3 entries, head " + last.hash() + "\n");
    }

    @Test
    void takesTheRedisOfTheConfig() {
        assertThat(run(Map.of("REDIS_URL", server.url()))).isZero();
        assertThat(out()).startsWith("audit chain OK: 3 entries");
    }

    @Test
    void printsWhereABrokenChainBreaks() throws Exception {
        call(redis, Command.XDEL, RedisConsentAuditLog.STREAM, "0-2");

        assertThat(run("--redis=" + server.url())).isEqualTo(1);
        assertThat(out()).isEqualTo("audit chain BROKEN at seq 2: entry missing (removed): the log goes on with entry 3\n");
    }

    @Test
    void checksNothingWithoutAUsableRedis() {
        assertThat(run("--redis", "redis://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("could not read the consent audit log at redis://127.0.0.1:1: ");

        assertThat(run("--redis")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("args: --redis needs a URL").contains("Usage:");

        assertThat(run("--bogus", "--redis", server.url())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("args: unknown argument --bogus");

        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no Redis to check");
        assertThat(out()).isEmpty();
    }

    private int run(String... args) {
        return VerifyConsentAuditCommand.run(args, Map.of(), stream(out), stream(err));
    }

    private int run(Map<String, String> env) {
        return VerifyConsentAuditCommand.run(new String[0], env, stream(out), stream(err));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
