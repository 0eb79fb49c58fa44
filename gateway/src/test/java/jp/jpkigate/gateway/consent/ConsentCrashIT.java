package jp.jpkigate.gateway.consent;

import static jp.jpkigate.gateway.consent.ConsentBatches.assertStored;
import static jp.jpkigate.gateway.consent.ConsentBatches.customers;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * killed with SIGKILL while the gateway writes the next batch of 10,000, right after an acknowledged one:
 * the batch cut short is answered {@code 503 temporarily_unavailable} with {@code Retry-After}, never
 * {@code 201} nor a {@code 500}; restarted on its
 * AOF, Redis has the acknowledged batch and the part of the cut one it had written, the gateway,
 * untouched, is ready again and serves by itself, and the cut batch sent again answers each customer once.
 */
class ConsentCrashIT {
    private static final int BATCH = 10_000;
    private static final int SAMPLE_EVERY = 40;

    @TempDir
    Path workDir;

    @Test
    void killingTheGatewayOrRedisLosesNothingAcknowledged() throws Exception {
        BankAndCard prepared = BankAndCard.prepare(workDir);
        CardSignerHook card = prepared.card();
        ECKey bankKey = prepared.bankKey();
        try (card; AofRedis redis = AofRedis.start(workDir.resolve("redis"), RunningGateway.freePort());
             GatewayProcess gateway = GatewayProcess.start(workDir, RunningGateway.freePort(), prepared.gatewayEnv(redis.url(), Map.of()))) {
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
            int partly = ConsentBatches.killDuringBatch(gateway::kill9, bank, redis.url(), second);
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
            report("%s", ConsentBatches.assertAuditChainIntact(workDir, redis.url()));

            List<String> third = customers("C", 200);
            List<JsonObject> beforeRedisDied = bank.invite(third);
            List<String> fourth = customers("E", BATCH);
            CompletableFuture<HttpResponse<String>> cut = ConsentBatches.killWhileWriting(redis::kill9, bank, redis.url(), fourth);
            HttpResponse<String> answer = cut.get(60, TimeUnit.SECONDS);
            report("the batch Redis died under was answered %d: %s", answer.statusCode(), answer.body());
            assertThat(answer.statusCode()).as(() -> answer.body() + "\n" + gateway.tail()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(new JsonObject(answer.body()).getString("error")).isEqualTo("temporarily_unavailable");
            gateway.awaitHealth(503, "the gateway to notice that Redis is gone");
            redis.restart();
            gateway.awaitReady("the gateway to reconnect to the restarted Redis by itself");
            assertStored(redis.url(), third, beforeRedisDied);
            int written = ConsentBatches.storedCount(redis.url(), fourth);
            report("Redis was killed with %d of %d invitations of a batch written", written, BATCH);
            assertThat(bank.consentOf(third.get(199)).getString("status")).isEqualTo("pending");
            assertThat(bank.consentOf(signer)).isEqualTo(consent);
            List<JsonObject> resent = bank.invite(fourth);
            assertThat(resent).filteredOn(line -> line.getString("status").equals("existing")).hasSize(written);
            assertThat(resent).filteredOn(line -> line.getString("status").equals("created")).hasSize(BATCH - written);
            assertStored(redis.url(), fourth, resent);
            report("%s", ConsentBatches.assertAuditChainIntact(workDir, redis.url()));
        }
    }

    private static void report(String format, Object... args) {
        System.out.printf("ConsentCrashIT: " + format + "%n", args);
    }
}
