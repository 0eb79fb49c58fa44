package jp.jpkigate.consent.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.store.ConsentStore;

/**
 * {@link ConsentStore} on Redis ({@link RedisConsentKeys}): the consent is a field of its invitation's
 * hash, so using the invitation and recording the consent is one Lua script on one key. The customer's
 * index then learns the consent and stops expiring. Every write is durable ({@link ReplicaAckedRedis}): on a
 * client that waits for replicas, a consent is acknowledged only once a replica has it.
 */
public final class RedisConsentStore implements ConsentStore {
    /** KEYS[1] consent key; ARGV record JSON. Returns 'unknown', the stored record, or 'created'. */
    private static final String CREATE = "if redis.call('HEXISTS', KEYS[1], 'inv') == 0 then return 'unknown' end "
            + "local existing = redis.call('HGET', KEYS[1], 'rec') if existing then return existing end "
            + "redis.call('HSET', KEYS[1], 'rec', ARGV[1]) redis.call('PERSIST', KEYS[1]) return 'created'";
    /** KEYS[1] customer key; ARGV consent id. */
    private static final String INDEX_CUSTOMER = "redis.call('HSET', KEYS[1], 'rec', ARGV[1]) "
            + "redis.call('PERSIST', KEYS[1]) return 1";
    /** KEYS[1] consent key; ARGV current JSON, next JSON. */
    private static final String UPDATE = "if redis.call('HGET', KEYS[1], 'rec') ~= ARGV[1] then return 0 end "
            + "redis.call('HSET', KEYS[1], 'rec', ARGV[2]) return 1";
    /** KEYS[1] person key; ARGV client id, consent id. Returns the previous consent id or false. */
    private static final String INDEX_PERSON = "local previous = redis.call('HGET', KEYS[1], ARGV[1]) "
            + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return previous";

    private final Redis redis;

    public RedisConsentStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<CreateOutcome> create(ConsentRecord consent) {
        String json = ConsentJson.encode(consent);
        String key = RedisConsentKeys.consent(consent.id());
        return ReplicaAckedRedis.sendDurably(redis, key, Request.cmd(Command.EVAL, CREATE, 1, key, json))
                .compose(r -> {
                    String answer = r.toString();
                    if (answer.equals("unknown")) {
                        return Future.succeededFuture(new UnknownInvitation());
                    }
                    if (!answer.equals("created")) {
                        return Future.succeededFuture(new AlreadyUsed(ConsentJson.decodeConsent(answer)));
                    }
                    String customer = RedisConsentKeys.customer(consent.clientId(), consent.customerNumber());
                    return ReplicaAckedRedis.sendDurably(redis, customer,
                            Request.cmd(Command.EVAL, INDEX_CUSTOMER, 1, customer, consent.id())).map(v -> new Created(consent));
                });
    }

    @Override
    public Future<Optional<ConsentRecord>> find(String id) {
        return redis.send(Request.cmd(Command.HGET, RedisConsentKeys.consent(id), "rec"))
                .map(r -> r == null ? Optional.<ConsentRecord>empty() : Optional.of(ConsentJson.decodeConsent(r.toString())));
    }

    @Override
    public Future<Optional<String>> consentFor(String clientId, String customerNumber) {
        return redis.send(Request.cmd(Command.HGET, RedisConsentKeys.customer(clientId, customerNumber), "rec"))
                .map(r -> r == null ? Optional.<String>empty() : Optional.of(r.toString()));
    }

    @Override
    public Future<Boolean> update(ConsentRecord current, ConsentRecord next) {
        if (!current.id().equals(next.id())) {
            return Future.failedFuture(new IllegalArgumentException("an update keeps the consent id"));
        }
        String key = RedisConsentKeys.consent(current.id());
        return ReplicaAckedRedis.sendDurably(redis, key, Request.cmd(Command.EVAL, UPDATE, 1, key,
                ConsentJson.encode(current), ConsentJson.encode(next))).map(r -> r.toInteger() == 1);
    }

    @Override
    public Future<Optional<String>> indexForPerson(String personKey, String clientId, String consentId) {
        String key = RedisConsentKeys.person(personKey);
        return ReplicaAckedRedis.sendDurably(redis, key, Request.cmd(Command.EVAL, INDEX_PERSON, 1, key, clientId, consentId))
                .map(r -> r == null || r.toString().equals(consentId) ? Optional.<String>empty() : Optional.of(r.toString()));
    }

    @Override
    public Future<Map<String, String>> consentsOfPerson(String personKey) {
        return redis.send(Request.cmd(Command.HGETALL, RedisConsentKeys.person(personKey))).map(r -> {
            Map<String, String> out = new LinkedHashMap<>();
            if (r != null) {
                for (String field : r.getKeys()) {
                    out.put(field, r.get(field).toString());
                }
            }
            return out;
        });
    }
}
