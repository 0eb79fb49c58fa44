package jp.jpkigate.consent.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.store.InvitationStore;

/**
 * {@link InvitationStore} on Redis ({@link RedisConsentKeys}). A batch is written on one connection,
 * pipelined in chunks: each invitation first (its own key), then its customer's index pointing at it,
 * so an index never names an invitation that is not stored. The future completes when Redis has
 * answered every write; with AOF {@code appendfsync always} each answer follows the fsync.
 */
public final class RedisInvitationStore implements InvitationStore {
    /** KEYS[1] consent key; ARGV invitation JSON, keep ms. Never overwrites a stored invitation. */
    private static final String SAVE = "if redis.call('HSETNX', KEYS[1], 'inv', ARGV[1]) == 1 then "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 1";
    /** KEYS[1] customer key; ARGV invitation id, keep ms. Expires only while no consent is indexed. */
    private static final String INDEX = "redis.call('HSET', KEYS[1], 'inv', ARGV[1]) "
            + "if redis.call('HEXISTS', KEYS[1], 'rec') == 0 and redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 1";
    private static final int CHUNK = 500;

    private final Redis redis;
    private final Clock clock;

    public RedisInvitationStore(Redis redis, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Future<Void> saveAll(List<Invitation> invitations, Duration retention) {
        if (invitations.isEmpty()) {
            return Future.succeededFuture();
        }
        return redis.connect().compose(connection -> writeChunks(connection, invitations, retention, 0)
                .eventually(connection::close));
    }

    private Future<Void> writeChunks(RedisConnection connection, List<Invitation> all, Duration retention, int from) {
        if (from >= all.size()) {
            return Future.succeededFuture();
        }
        List<Invitation> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
        List<Future<Response>> saved = new ArrayList<>(chunk.size());
        for (Invitation i : chunk) {
            saved.add(connection.send(Request.cmd(Command.EVAL, SAVE, 1, RedisConsentKeys.consent(i.id()),
                    ConsentJson.encode(i), keepMillis(i, retention))));
        }
        return Future.all(saved).compose(v -> {
            List<Future<Response>> indexed = new ArrayList<>(chunk.size());
            for (Invitation i : chunk) {
                indexed.add(connection.send(Request.cmd(Command.EVAL, INDEX, 1,
                        RedisConsentKeys.customer(i.clientId(), i.customerNumber()), i.id(), keepMillis(i, retention))));
            }
            return Future.all(indexed);
        }).compose(v -> writeChunks(connection, all, retention, from + CHUNK));
    }

    private long keepMillis(Invitation i, Duration retention) {
        return Math.max(1, Duration.between(clock.instant(), i.expiresAt()).plus(retention).toMillis());
    }

    @Override
    public Future<Optional<Invitation>> find(String id) {
        return redis.send(Request.cmd(Command.HGET, RedisConsentKeys.consent(id), "inv"))
                .map(r -> r == null ? Optional.<Invitation>empty() : Optional.of(ConsentJson.decodeInvitation(r.toString())));
    }

    @Override
    public Future<List<Optional<Latest>>> latestOfEach(String clientId, List<String> customerNumbers) {
        if (customerNumbers.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<Optional<Latest>> out = new ArrayList<>(customerNumbers.size());
        return redis.connect().compose(connection -> readChunks(connection, clientId, customerNumbers, 0, out)
                .eventually(connection::close)).map(v -> out);
    }

    /** Per chunk: the customers' index entries, then (one key each) the invitations and their consent fields. */
    private Future<Void> readChunks(RedisConnection connection, String clientId, List<String> customers, int from,
                                    List<Optional<Latest>> out) {
        if (from >= customers.size()) {
            return Future.succeededFuture();
        }
        List<String> chunk = customers.subList(from, Math.min(customers.size(), from + CHUNK));
        List<Future<Response>> ids = new ArrayList<>(chunk.size());
        for (String customer : chunk) {
            ids.add(connection.send(Request.cmd(Command.HGET, RedisConsentKeys.customer(clientId, customer), "inv")));
        }
        return Future.all(ids).compose(v -> {
            List<Future<Response>> stored = new ArrayList<>(chunk.size());
            for (Future<Response> id : ids) {
                stored.add(id.result() == null ? Future.succeededFuture()
                        : connection.send(Request.cmd(Command.HMGET, RedisConsentKeys.consent(id.result().toString()),
                                "inv", "rec")));
            }
            return Future.all(stored).map(w -> {
                for (Future<Response> fields : stored) {
                    Response r = fields.result();
                    out.add(r == null || r.get(0) == null ? Optional.empty()
                            : Optional.of(new Latest(ConsentJson.decodeInvitation(r.get(0).toString()), r.get(1) != null)));
                }
                return (Void) null;
            });
        }).compose(v -> readChunks(connection, clientId, customers, from + CHUNK, out));
    }

    @Override
    public Future<Optional<String>> latestFor(String clientId, String customerNumber) {
        return redis.send(Request.cmd(Command.HGET, RedisConsentKeys.customer(clientId, customerNumber), "inv"))
                .map(r -> r == null ? Optional.<String>empty() : Optional.of(r.toString()));
    }
}
