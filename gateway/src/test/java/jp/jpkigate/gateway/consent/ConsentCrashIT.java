package jp.jpkigate.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;


import com.nimbusds.jose.jwk.ECKey;
import io.vertx.core.Vertx;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.net.http.HttpResponse;

import java.nio.file.Path;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import jp.jpkigate.consent.store.InvitationStore;
import jp.jpkigate.consent.store.redis.RedisInvitationStore;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.clients.CardSignerHook;
import jp.jpkigate.gateway.clients.RunningGateway;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of the consent service with the processes as they run in production: a redis-server with
 * AOF and {@code appendfsync always}, the packaged gateway jar pointed at it ({@code REDIS_URL}; dev mode
 * for the simulator, whose state and the person's card the test prepares), a bank in the clients file.
 *
 * <p>The gateway is killed with SIGKILL while a batch of 10,000 invitations is being written, after a
 * first batch of 10,000 and a signed consent were acknowledged: after a restart every acknowledged
 * invitation and the consent are there, the interrupted batch sent again answers each customer once
 * ({@code created} or {@code existing}), and the audit chain verifies. Then redis-server itself is
 * killed with SIGKILL right after an acknowledged batch: restarted on its AOF, the batch is there and
 * the gateway, untouched, is ready again and serves by itself.
 */
class ConsentCrashIT {
    private static final int BATCH = 10_000;
    private static final int SAMPLE_EVERY = 40;

    @TempDir
    Path workDir;

    @Test
    void killingTheGatewayOrRedisLosesNothingAcknowledged() throws Exception {
        Path dataDir = workDir.resolve("data");
        BankAndCard prepared = BankAndCard.prepare(workDir, dataDir);
        CardSignerHook card = prepared.card();
        ECKey bankKey = prepared.bankKey();
        Path clients = prepared.clients();
        try (card; AofRedis redis = AofRedis.start(workDir.resolve("redis"), RunningGateway.freePort());
             GatewayProcess gateway = GatewayProcess.start(workDir, RunningGateway.freePort(), Map.of("REDIS_URL", redis.url(),
                     "JPKI_GATE_DATA_DIR", dataDir.toString(), "JPKI_GATE_OIDC_CLIENTS_FILE", clients.toString()))) {
            BankApi bank = BankApi.connect(gateway.issuer(), RunningGateway.BANK_ID, bankKey);
            List<String> first = customers("A", BATCH);
            Instant sent = Instant.now();
            List<JsonObject> acknowledged = bank.invite(first);
            report("a batch of %d invitations through the jar: %d ms", BATCH, Duration.between(sent, Instant.now()).toMillis());
            assertThat(acknowledged).allSatisfy(line -> assertThat(line.getString("status")).isEqualTo("created"));
            String signer = first.get(0);
            assertThat(new ConsentPerson(card).consent(acknowledged.get(0).getString("url"))).isEqualTo("signed");
            JsonObject consent = bank.consentOf(signer);
            assertThat(consent.getString("status")).isEqualTo("active");

            List<String> second = customers("B", BATCH);
            int partly = killDuringBatch(gateway, bank, redis.url(), second);
            Duration restart = gateway.restart();
            report("the interrupted batch had %d of %d customers stored; restart until ready: %d ms", partly, BATCH,
                    restart.toMillis());

            assertStored(redis.url(), first, acknowledged);
            for (int i = 0; i < BATCH; i += SAMPLE_EVERY) {
                assertThat(bank.consentOf(first.get(i)).getString("status")).isEqualTo(i == 0 ? "active" : "pending");
            }
            assertThat(bank.consentOf(signer)).isEqualTo(consent);
            List<JsonObject> again = bank.invite(second);
            assertThat(again).filteredOn(line -> line.getString("status").equals("existing")).hasSize(partly);
            assertThat(again).filteredOn(line -> line.getString("status").equals("created")).hasSize(BATCH - partly);
            assertStored(redis.url(), second, again);
            assertAuditChainIntact(redis.url());

            List<String> third = customers("C", 200);
            List<JsonObject> beforeRedisDied = bank.invite(third);
            redis.kill9();
            gateway.awaitHealth(503, "the gateway to notice that Redis is gone");
            redis.restart();
            gateway.awaitReady("the gateway to reconnect to the restarted Redis by itself");
            assertStored(redis.url(), third, beforeRedisDied);
            assertThat(bank.consentOf(third.get(199)).getString("status")).isEqualTo("pending");
            assertThat(bank.consentOf(signer)).isEqualTo(consent);
            assertThat(bank.invite(customers("D", 10))).allSatisfy(line -> assertThat(line.getString("status")).isEqualTo("created"));
            assertAuditChainIntact(redis.url());
        }
    }

    /**
     * Sends {@code batch} and kills the gateway with SIGKILL as soon as its first invitations are in
     * Redis, while it still writes the rest; the request must die with the connection. How many of the
     * batch's customers were stored by then.
     */
    private static int killDuringBatch(GatewayProcess gateway, BankApi bank, String redisUrl, List<String> batch)
            throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight = bank.inviteInFlight(batch);
        Instant deadline = Instant.now().plusSeconds(60);
        while (stored(redisUrl, batch.subList(0, 1)).get(0).isEmpty()) {
            assertThat(inFlight).as("the batch was answered before the gateway could be killed under it").isNotDone();
            assertThat(Instant.now()).as("the batch's first invitations to be written").isBefore(deadline);
            awaitQuietly(inFlight);
        }
        gateway.kill9();
        try {
            HttpResponse<String> answered = inFlight.get(30, TimeUnit.SECONDS);
            throw new AssertionError("the batch was answered although the gateway was killed under it: " + answered.statusCode());
        } catch (ExecutionException e) {
            assertThat(BankApi.isConnectionLost(e)).as(e.toString()).isTrue();
        }
        List<Optional<InvitationStore.Latest>> written = stored(redisUrl, batch);
        int count = (int) written.stream().filter(Optional::isPresent).count();
        assertThat(count).as("written when the gateway died").isBetween(1, BATCH - 1);
        return count;
    }

    /** Waits a moment for the request (it may end), so polling Redis does not spin. */
    private static void awaitQuietly(CompletableFuture<?> request) throws InterruptedException {
        try {
            request.get(5, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // still in flight, or failed: the caller looks at it
        }
    }

    /** Every customer's newest invitation in Redis is the one the API answered, not used unless the person signed it. */
    private static void assertStored(String redisUrl, List<String> customers, List<JsonObject> answered) throws Exception {
        List<Optional<InvitationStore.Latest>> stored = stored(redisUrl, customers);
        assertThat(stored).hasSize(customers.size()).allSatisfy(latest -> assertThat(latest).isPresent());
        for (int i = 0; i < customers.size(); i++) {
            assertThat(stored.get(i).orElseThrow().invitation().id()).as(customers.get(i))
                    .isEqualTo(answered.get(i).getString("invitation_id"));
        }
    }

    /** The customers' newest invitations as the gateway's own store reads them from Redis (a fresh connection). */
    private static List<Optional<InvitationStore.Latest>> stored(String redisUrl, List<String> customers) throws Exception {
        Vertx vertx = TestVertx.create();
        Redis redis = Redis.createClient(vertx, redisUrl);
        try {
            return TestVertx.await(new RedisInvitationStore(redis, Clock.systemUTC()).latestOfEach(RunningGateway.BANK_ID, customers));
        } finally {
            redis.close();
            TestVertx.await(vertx.close());
        }
    }

    /** {@code java -jar jpki-gate.jar verify-consent-audit --redis <url>}: exit 0 and "audit chain OK". */
    private void assertAuditChainIntact(String redisUrl) throws Exception {
        GatewayProcess.Command verify = GatewayProcess.run(workDir, "verify-consent-audit", "--redis", redisUrl);
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("audit chain OK: ");
        report("%s", verify.output().lines().filter(line -> line.startsWith("audit chain")).findFirst().orElseThrow());
    }

    private static List<String> customers(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s-%05d", prefix, i)).toList();
    }

    private static void report(String format, Object... args) {
        System.out.printf("ConsentCrashIT: " + format + "%n", args);
    }
}
