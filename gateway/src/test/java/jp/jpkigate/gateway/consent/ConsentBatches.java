package jp.jpkigate.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import jp.jpkigate.consent.store.InvitationStore;
import jp.jpkigate.consent.store.redis.RedisInvitationStore;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.clients.RunningGateway;

/**
 * What the crash tests check of a bank's invitation batches against the Redis the gateway writes to:
 * a batch killed half-way ({@link #killDuringBatch}), each acknowledged invitation stored with the id
 * the bank was given ({@link #assertStored}), and the audit chain ({@link #assertAuditChainIntact}).
 * Blocking: the test thread only.
 */
public final class ConsentBatches {
    private ConsentBatches() {
    }

    /** Customer numbers {@code <prefix>-00000} … of {@code count} customers. */
    public static List<String> customers(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s-%05d", prefix, i)).toList();
    }

    /**
     * Sends {@code batch} and runs {@code kill} (a SIGKILL of the gateway that writes it) as soon as
     * its first invitations are in Redis, while the rest is still being written; the request must die
     * with the connection. How many of the batch's customers were stored by then.
     */
    public static int killDuringBatch(Killer kill, BankApi bank, String redisUrl, List<String> batch) throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight = killWhileWriting(kill, bank, redisUrl, batch);
        try {
            HttpResponse<String> answered = inFlight.get(30, TimeUnit.SECONDS);
            throw new AssertionError("the batch was answered although the gateway was killed under it: " + answered.statusCode());
        } catch (ExecutionException e) {
            assertThat(BankApi.isConnectionLost(e)).as(e.toString()).isTrue();
        }
        return storedCount(redisUrl, batch);
    }

    /**
     * Sends {@code batch} and runs {@code kill} as soon as its first invitations are in Redis, while
     * the rest is still being written; the request, still in flight, for the caller to judge.
     */
    public static CompletableFuture<HttpResponse<String>> killWhileWriting(Killer kill, BankApi bank, String redisUrl,
                                                                          List<String> batch) throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight = bank.inviteInFlight(batch);
        Instant deadline = Instant.now().plusSeconds(60);
        while (stored(redisUrl, batch.subList(0, 1)).get(0).isEmpty()) {
            assertThat(inFlight).as("the batch was answered before it could be killed under it").isNotDone();
            assertThat(Instant.now()).as("the batch's first invitations to be written").isBefore(deadline);
            awaitQuietly(inFlight);
        }
        kill.kill();
        return inFlight;
    }

    /** How many of the batch's customers have an invitation in Redis: at least one, not all (it was cut short). */
    public static int storedCount(String redisUrl, List<String> batch) throws Exception {
        int count = (int) stored(redisUrl, batch).stream().filter(Optional::isPresent).count();
        assertThat(count).as("written when the writer died").isBetween(1, batch.size() - 1);
        return count;
    }

    /** A kill -9 that the caller waits for. */
    @FunctionalInterface
    public interface Killer {
        void kill() throws Exception;
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
    public static void assertStored(String redisUrl, List<String> customers, List<JsonObject> answered) throws Exception {
        List<Optional<InvitationStore.Latest>> stored = stored(redisUrl, customers);
        assertThat(stored).hasSize(customers.size()).allSatisfy(latest -> assertThat(latest).isPresent());
        for (int i = 0; i < customers.size(); i++) {
            assertThat(stored.get(i).orElseThrow().invitation().id()).as(customers.get(i))
                    .isEqualTo(answered.get(i).getString("invitation_id"));
        }
    }

    /** The customers' newest invitations as the gateway's own store reads them from Redis (a fresh connection). */
    static List<Optional<InvitationStore.Latest>> stored(String redisUrl, List<String> customers) throws Exception {
        Vertx vertx = TestVertx.create();
        Redis redis = Redis.createClient(vertx, redisUrl);
        try {
            return TestVertx.await(new RedisInvitationStore(redis, Clock.systemUTC()).latestOfEach(RunningGateway.BANK_ID, customers));
        } finally {
            redis.close();
            TestVertx.await(vertx.close());
        }
    }

    /** {@code java -jar jpki-gate.jar verify-consent-audit --redis <url>}: exit 0 and "audit chain OK"; that line. */
    public static String assertAuditChainIntact(Path workDir, String redisUrl) throws Exception {
        GatewayProcess.Command verify = GatewayProcess.run(workDir, "verify-consent-audit", "--redis", redisUrl);
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("audit chain OK: ");
        return verify.output().lines().filter(line -> line.startsWith("audit chain")).findFirst().orElseThrow();
    }
}
