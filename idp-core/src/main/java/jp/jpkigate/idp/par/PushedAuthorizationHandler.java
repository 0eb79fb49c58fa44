package jp.jpkigate.idp.par;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.dpop.DpopBinding;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.requestobject.RequestObjectHandler;
import jp.jpkigate.idp.store.PushedRequestStore;

/**
 * RFC 9126 §2: validates a pushed authorization request of an authenticated client and stores it
 * under a fresh one-time {@code request_uri}. The request may be a signed request object
 * (RFC 9126 §3), verified by the {@link RequestObjectHandler}; a client that must sign its
 * requests (RFC 9101 §10.5) cannot push plain parameters. No HTTP types.
 */
public final class PushedAuthorizationHandler {
    /** RFC 9126 §2.2: the {@code request_uri} prefix. */
    public static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

    private final PushedRequestStore store;
    private final RequestObjectHandler requestObjects;
    private final Duration lifetime;
    private final SecureRandom random;

    public PushedAuthorizationHandler(PushedRequestStore store, RequestObjectHandler requestObjects, Duration lifetime,
                                      SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.requestObjects = Objects.requireNonNull(requestObjects, "requestObjects");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.random = Objects.requireNonNull(random, "random");
        if (lifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("a request_uri lives at least one second");
        }
    }

    public Future<PushedAuthorizationResponse> handle(RegisteredClient client, FormParameters params) {
        return handle(client, params, Optional.empty());
    }

    /**
     * With the key of the request's verified DPoP proof, if any: the code will be bound to it or to
     * {@code dpop_jkt} (RFC 9449 §10.1; both → they must match). A {@code dpop_jkt} counts from the
     * request object when there is one.
     */
    public Future<PushedAuthorizationResponse> handle(RegisteredClient client, FormParameters params,
                                                      Optional<JwkThumbprint> dpopProofKey) {
        return requestObjects.parameters(client, params)
                .compose(effective -> {
                    try {
                        AuthorizationRequest parsed = AuthorizationRequestParser.parsePushed(effective, client);
                        return Future.succeededFuture(parsed.withDpopJkt(DpopBinding.pushed(parsed.dpopJkt(), dpopProofKey)));
                    } catch (OAuthException e) {
                        return Future.failedFuture(e);
                    }
                })
                .compose(request -> {
                    String requestUri = newRequestUri();
                    return store.put(requestUri, request, lifetime)
                            .map(v -> new PushedAuthorizationResponse(requestUri, lifetime.toSeconds()));
                });
    }

    /** 256 random bits, base64url: RFC 9126 §2.2 asks for a value that cannot be guessed. */
    private String newRequestUri() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return REQUEST_URI_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
