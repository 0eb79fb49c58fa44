package jp.jpkigate.idp.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.AuthorizationRequestCodec;
import jp.jpkigate.idp.par.PushedAuthorizationHandler;
import jp.jpkigate.idp.store.PushedRequestStore;

/**
 * {@link PushedRequestStore} on Redis: {@code SET key json NX PX ttl} to store, {@code GETDEL} to
 * consume (Redis 6.2+) — one atomic command, so a request_uri is used at most once.
 */
public final class RedisPushedRequestStore implements PushedRequestStore {
    private final Redis redis;

    public RedisPushedRequestStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> put(String requestUri, AuthorizationRequest request, Duration ttl) {
        Optional<String> key = key(requestUri);
        if (key.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("not a request_uri of this OP"));
        }
        return redis.send(Request.cmd(Command.SET, key.get(), AuthorizationRequestCodec.encode(request),
                        "NX", "PX", Math.max(1, ttl.toMillis())))
                .compose(response -> response != null
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new IllegalStateException("request_uri collision")));
    }

    @Override
    public Future<Optional<AuthorizationRequest>> consume(String requestUri) {
        Optional<String> key = key(requestUri);
        if (key.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return redis.send(Request.cmd(Command.GETDEL, key.get()))
                .map(response -> response == null
                        ? Optional.<AuthorizationRequest>empty()
                        : Optional.of(AuthorizationRequestCodec.decode(response.toString())));
    }

    /** The key of a request_uri this OP could have issued; anything else has none. */
    private static Optional<String> key(String requestUri) {
        if (requestUri == null || !requestUri.startsWith(PushedAuthorizationHandler.REQUEST_URI_PREFIX)) {
            return Optional.empty();
        }
        String random = requestUri.substring(PushedAuthorizationHandler.REQUEST_URI_PREFIX.length());
        if (random.length() < 22 || random.length() > 64
                || !random.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
            return Optional.empty();
        }
        return Optional.of(RedisOpKeys.pushedRequest(random));
    }
}
