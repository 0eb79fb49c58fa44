package jp.jpkigate.feed.receiver;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;

/**
 * Where the receiver gets the OP's public JWK Set. Contract: {@link #keys} answers from cache when
 * it can; {@link #refresh} is called when a SET names a {@code kid} the cached set lacks (the OP
 * rotated its key) and refetches at most once per minimum interval.
 */
public interface OpKeys {
    Future<JWKSet> keys();

    Future<JWKSet> refresh();

    /** A set given once, for tests and offline use. */
    static OpKeys fixed(JWKSet set) {
        JWKSet publicSet = set.toPublicJWKSet();
        return new OpKeys() {
            @Override
            public Future<JWKSet> keys() {
                return Future.succeededFuture(publicSet);
            }

            @Override
            public Future<JWKSet> refresh() {
                return keys();
            }
        };
    }
}
