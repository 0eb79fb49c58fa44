package jp.jpkigate.idp.store.redis;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.json.JsonText;
import jp.jpkigate.idp.store.UserInfoClaimsStore;

/** {@link UserInfoClaimsStore} on Redis: {@code SET NX PX} under the SHA-256 of the jti, {@code GET} to read. */
public final class RedisUserInfoClaimsStore implements UserInfoClaimsStore {
    private final Redis redis;

    public RedisUserInfoClaimsStore(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Future<Void> put(String jti, Map<String, Object> claims, Duration ttl) {
        return redis.send(Request.cmd(Command.SET, RedisOpKeys.userInfoClaims(jti), JsonText.write(claims),
                        "NX", "PX", Math.max(1, ttl.toMillis())))
                .compose(r -> r != null
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new IllegalStateException("access token jti collision")));
    }

    @Override
    public Future<Optional<Map<String, Object>>> find(String jti) {
        return redis.send(Request.cmd(Command.GET, RedisOpKeys.userInfoClaims(jti))).compose(r -> {
            if (r == null) {
                return Future.succeededFuture(Optional.empty());
            }
            try {
                return Future.succeededFuture(Optional.of(JSONObjectUtils.parse(r.toString())));
            } catch (java.text.ParseException e) {
                return Future.failedFuture(new IllegalStateException("damaged stored userinfo claims"));
            }
        });
    }
}
