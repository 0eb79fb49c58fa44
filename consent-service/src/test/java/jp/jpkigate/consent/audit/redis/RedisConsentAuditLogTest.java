package jp.jpkigate.consent.audit.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static jp.jpkigate.testing.TestRedis.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import jp.jpkigate.consent.audit.AuditChain;
import jp.jpkigate.consent.audit.AuditChainReport;
import jp.jpkigate.consent.audit.AuditChainVerifier;
import jp.jpkigate.consent.audit.AuditDetail;
import jp.jpkigate.consent.audit.AuditEntry;
import jp.jpkigate.consent.audit.AuditHead;
import jp.jpkigate.consent.audit.ConsentAuditEvent;
import jp.jpkigate.consent.audit.ConsentAuditEventType;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consent audit log on a real redis-server: one chain under concurrent appends from several
 * replicas, and every kind of tampering with raw Redis commands found by the verifier.
 */
class RedisConsentAuditLogTest {
    private static TestRedis server;
    private static Vertx vertx;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    private final List<Redis> replicaClients = new ArrayList<>();
    private Redis redis;
    private RedisConsentAuditLog log;

    @BeforeAll
    static void start() throws Exception {
        server = TestRedis.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        server.close();
    }

    @BeforeEach
    void emptyLog() throws Exception {
        redis = server.client(vertx);
        server.flushAll();
        log = new RedisConsentAuditLog(vertx, redis);
    }

    @AfterEach
    void closeClients() {
        redis.close();
        replicaClients.forEach(Redis::close);
    }

    /** Logs as {@code count} gateway replicas would have them, each with its own Redis client. */
    private List<RedisConsentAuditLog> replicas(int count) {
        List<RedisConsentAuditLog> replicas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Redis client = server.client(vertx);
            replicaClients.add(client);
            replicas.add(new RedisConsentAuditLog(vertx, client));
        }
        return replicas;
    }

    @Test
    void appendsReadsAndVerifiesAChain() throws Exception {
        AuditEntry first = await(log.append(invited("inv-1")));
        AuditEntry second = await(log.append(withdrawn("c_1")));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prev()).isEqualTo(AuditChain.GENESIS);
        assertThat(second.prev()).isEqualTo(first.hash());
        assertThat(await(log.read(1, 10))).containsExactly(first, second);
        assertThat(await(log.read(2, 10))).containsExactly(second);
        assertThat(await(log.read(3, 10))).isEmpty();
        assertThat(await(log.head())).isEqualTo(AuditHead.of(second));
        assertThat(await(log.read(1, 10)).get(0).event()).isEqualTo(invited("inv-1"));
        assertThat(verify()).isEqualTo(new AuditChainReport.Intact(2, second.hash()));
        assertThat(call(redis, Command.TTL, RedisConsentAuditLog.STREAM).toLong()).isEqualTo(-1);
    }

    @Test
    void anEmptyLogIsIntact() throws Exception {
        assertThat(await(log.head())).isEqualTo(AuditHead.EMPTY);
        assertThat(verify().line()).isEqualTo("audit chain OK: 0 entries, head " + AuditChain.GENESIS);
    }

    /** Four replicas append 50 events each at once. */
    @Test
    void concurrentAppendsFromSeveralReplicasKeepOneChain() throws Exception {
        List<Future<AuditEntry>> appends = new ArrayList<>();
        List<RedisConsentAuditLog> replicas = replicas(4);
        for (int replica = 0; replica < replicas.size(); replica++) {
            for (int i = 0; i < 50; i++) {
                appends.add(replicas.get(replica).append(withdrawn("c_" + replica + "_" + i)));
            }
        }

        List<AuditEntry> appended = await(Future.all(appends)).list();

        assertThat(appended.stream().map(AuditEntry::seq)).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 200).mapToObj(Long::valueOf).toList());
        assertThat(await(log.read(1, 1000))).containsExactlyInAnyOrderElementsOf(appended);
        assertThat(verify()).isEqualTo(new AuditChainReport.Intact(200, await(log.head()).hash()));
        assertThat(await(new AuditChainVerifier(log, 7).verify())).isEqualTo(verify());
    }

    /** Four replicas append 25 events each, one after another within a replica: they race for every entry. */
    @Test
    void replicasRacingForEveryEntryKeepOneChain() throws Exception {
        List<Future<Integer>> appended = new ArrayList<>();
        for (RedisConsentAuditLog replica : replicas(4)) {
            Future<Integer> count = Future.succeededFuture(0);
            for (int i = 0; i < 25; i++) {
                String consentId = "c_" + appended.size() + "_" + i;
                count = count.compose(n -> replica.append(withdrawn(consentId)).map(entry -> n + 1));
            }
            appended.add(count);
        }

        assertThat(await(Future.all(appended)).<Integer>list()).containsExactly(25, 25, 25, 25);
        assertThat(verify()).isEqualTo(new AuditChainReport.Intact(100, await(log.head()).hash()));
    }

    @Test
    void anotherReplicasAppendsAreFollowed() throws Exception {
        RedisConsentAuditLog other = new RedisConsentAuditLog(vertx, redis);
        await(log.append(withdrawn("c_1")));
        await(other.append(withdrawn("c_2")));
        clock.advance(Duration.ofSeconds(1));

        AuditEntry third = await(log.append(withdrawn("c_3")));

        assertThat(third.seq()).isEqualTo(3);
        assertThat(verify()).isInstanceOf(AuditChainReport.Intact.class);
    }

    @Test
    void anEditedEventIsFound() throws Exception {
        appendFive();
        rewrite(fields -> fields.get("seq").equals("3") ? with(fields, "event", fields.get("event").replace("c_3", "c_9")) : fields);

        assertThat(verify().line()).isEqualTo("audit chain BROKEN at seq 3: hash does not match the entry's content (entry edited)");
    }

    @Test
    void anEditedEventWithItsHashRecomputedIsFoundAtTheNextLink() throws Exception {
        appendFive();
        rewrite(fields -> {
            if (!fields.get("seq").equals("3")) {
                return fields;
            }
            String event = fields.get("event").replace("c_3", "c_9");
            return with(with(fields, "event", event), "hash", AuditChain.hash(3, fields.get("prev"), event.getBytes()));
        });

        assertThat(verify()).isEqualTo(new AuditChainReport.Broken(4,
                "prev is not the hash of entry 3 (entry replaced, reordered or the chain forked)"));
    }

    @Test
    void aRemovedEntryIsFound() throws Exception {
        appendFive();
        call(redis, Command.XDEL, RedisConsentAuditLog.STREAM, "0-3");

        assertThat(verify()).isEqualTo(new AuditChainReport.Broken(3, "entry missing (removed): the log goes on with entry 4"));
    }

    @Test
    void aRemovedLastEntryIsFoundByTheHead() throws Exception {
        appendFive();
        call(redis, Command.XDEL, RedisConsentAuditLog.STREAM, "0-5");

        assertThat(verify()).isEqualTo(new AuditChainReport.Broken(5,
                "entry missing (removed): the head says the log ends at entry 5 but it ends at entry 4"));
    }

    @Test
    void reorderedEntriesAreFound() throws Exception {
        List<AuditEntry> entries = appendFive();
        rewrite(fields -> switch (fields.get("seq")) {
            case "2" -> content(fields, entries.get(2));
            case "3" -> content(fields, entries.get(1));
            default -> fields;
        });

        assertThat(verify()).isEqualTo(new AuditChainReport.Broken(2,
                "prev is not the hash of entry 1 (entry replaced, reordered or the chain forked)"));
    }

    @Test
    void aChangedHeadIsFound() throws Exception {
        appendFive();
        call(redis, Command.HSET, RedisConsentAuditLog.HEAD, "hash", "f".repeat(64));

        assertThat(verify()).isEqualTo(new AuditChainReport.Broken(5, "the head's hash is not the hash of entry 5 (head changed)"));
    }

    /** A head moved back (as a forking replica would see it) cannot fork the chain: Redis refuses the entry's id. */
    @Test
    void aHeadMovedBackCannotForkTheChain() throws Exception {
        List<AuditEntry> entries = appendFive();
        call(redis, Command.HSET, RedisConsentAuditLog.HEAD, "seq", "3", "hash", entries.get(2).hash());

        assertThatThrownBy(() -> await(new RedisConsentAuditLog(vertx, redis).append(withdrawn("c_fork"))))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("equal or smaller");
        assertThat(await(log.read(1, 10))).containsExactlyElementsOf(entries);
        assertThat(verify()).isEqualTo(new AuditChainReport.Broken(4,
                "the head says the log ends at entry 3 but it goes on to entry 5 (head changed or entries appended around it)"));
    }

    @Test
    void entriesWrittenAroundTheApiAreFound() throws Exception {
        appendFive();
        call(redis, Command.XADD, RedisConsentAuditLog.STREAM, "*", "note", "hello");

        assertThat(verify().line()).startsWith("audit chain BROKEN at seq 6: entry is corrupt: stream id ")
                .endsWith(" is not 0-<seq> (added around the log's API)");
    }

    @Test
    void aCorruptHeadIsFound() throws Exception {
        appendFive();
        call(redis, Command.HSET, RedisConsentAuditLog.HEAD, "seq", "five");

        assertThat(verify().line()).isEqualTo(
                "audit chain BROKEN at seq 5: the head is corrupt: seq and hash must be a number and 64 hex digits");
        assertThatThrownBy(() -> await(log.append(withdrawn("c_6")))).hasMessageContaining("audit head is corrupt");
    }

    private AuditChainReport verify() throws Exception {
        return await(new AuditChainVerifier(log, 2).verify());
    }

    private List<AuditEntry> appendFive() throws Exception {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            entries.add(await(log.append(withdrawn("c_" + i))));
            clock.advance(Duration.ofMinutes(1));
        }
        return entries;
    }

    /** Rebuilds the stream with raw commands (Redis cannot put an entry back below the top), changing entries on the way. */
    private void rewrite(UnaryOperator<Map<String, String>> change) throws Exception {
        Response all = call(redis, Command.XRANGE, RedisConsentAuditLog.STREAM, "-", "+");
        call(redis, Command.DEL, RedisConsentAuditLog.STREAM);
        for (Response item : all) {
            Response raw = item.get(1);
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < raw.size(); i += 2) {
                fields.put(raw.get(i).toString(), raw.get(i + 1).toString());
            }
            List<Object> args = new ArrayList<>(List.of(RedisConsentAuditLog.STREAM, item.get(0).toString()));
            change.apply(fields).forEach((name, value) -> {
                args.add(name);
                args.add(value);
            });
            call(redis, Command.XADD, args.toArray());
        }
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(name, value);
        return changed;
    }

    /** {@code entry}'s prev, event and hash under the seq of {@code fields}. */
    private static Map<String, String> content(Map<String, String> fields, AuditEntry entry) {
        return with(with(with(fields, "prev", entry.prev()), "event", entry.eventJson()), "hash", entry.hash());
    }

    private ConsentAuditEvent invited(String id) {
        return new ConsentAuditEvent(ConsentAuditEventType.INVITED, clock.instant(), "bank", id, Map.of(AuditDetail.BATCH_SIZE, "12"));
    }

    private ConsentAuditEvent withdrawn(String consentId) {
        return ConsentAuditEvent.of(ConsentAuditEventType.CONSENT_WITHDRAWN, clock.instant(), "bank", consentId);
    }
}
