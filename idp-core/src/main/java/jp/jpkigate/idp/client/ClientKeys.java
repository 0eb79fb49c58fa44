package jp.jpkigate.idp.client;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.util.List;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.oauth.OAuthError;

/**
 * Where a client's public keys come from: inline {@code jwks}, or its {@code jwks_uri} fetched
 * asynchronously and cached. Owned by client authentication.
 *
 * <p>Contract: {@link #keys} answers from cache when it can; {@link #refresh} is called when an
 * assertion names a {@code kid} the cached set lacks (the client rotated its keys) and refetches
 * at most once per minimum interval, so unknown kids cannot be used to make the OP hammer a
 * client's server. A fetch failure fails the future with {@code invalid_client}.
 */
public interface ClientKeys {
    Future<JWKSet> keys(RegisteredClient client);

    Future<JWKSet> refresh(RegisteredClient client);

    /**
     * The client's feed encryption keys ({@link FeedEncryptionKeys#of}): those of its registration, or, for
     * a {@code jwks_uri} client, those published there (fetched and cached like its signature keys). Fails
     * when they cannot be fetched; may be empty (no {@code enc} key published yet).
     */
    default Future<JWKSet> encryptionKeys(RegisteredClient client) {
        return Future.succeededFuture(client.feed().encryptionKeys());
    }

    /**
     * The keys to verify a JWS of this client with: the cached set, or the refetched one when no
     * key of it fits the JWS's {@code kid} and algorithm (the client rotated its keys).
     */
    default Future<JWKSet> forSignature(RegisteredClient client, SignedJWT jwt) {
        return keys(client).compose(set -> ClientSignature.hasCandidateKey(jwt, set) ? Future.succeededFuture(set) : refresh(client));
    }

    /** Only inline keys: for registries without any {@code jwks_uri}, and for tests. */
    static ClientKeys inline() {
        return new ClientKeys() {
            @Override
            public Future<JWKSet> keys(RegisteredClient client) {
                return client.jwks().map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                        OAuthError.INVALID_CLIENT.withDescription("the client has no keys for private_key_jwt").toException()));
            }

            @Override
            public Future<JWKSet> refresh(RegisteredClient client) {
                return keys(client);
            }
        };
    }

    /** The keys of a set usable for client assertions: public, asymmetric, ES256 / PS256 / EdDSA, for signatures. */
    static JWKSet usable(JWKSet set) {
        List<JWK> keys = set.getKeys().stream()
                .filter(k -> !k.isPrivate() && !(k instanceof OctetSequenceKey))
                .filter(k -> k.getKeyUse() == null || "sig".equals(k.getKeyUse().identifier()))
                .filter(k -> JwsAlgorithms.algorithmOf(k).isPresent())
                .toList();
        return new JWKSet(keys);
    }
}
