package jp.jpkigate.idp.requestobject;

import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import jp.jpkigate.idp.client.ClientKeys;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * Turns the {@code request} parameter into the authorization request's parameters (RFC 9101 §6):
 * the claims are checked first, then the client's keys are fetched (inline {@code jwks}, or the
 * cached {@code jwks_uri}, asynchronously, refetched once for an unknown {@code kid}) and the
 * signature verified. The request object's parameters replace all others (RFC 9101 §6.3: the AS
 * "MUST only use the parameters in the Request Object"), and then go through the same parser as
 * plain parameters. No HTTP types.
 */
public final class RequestObjectHandler {
    /** The refusal of plain parameters from a client that must sign its requests (RFC 9101 §10.5). */
    public static final OAuthError SIGNED_REQUEST_REQUIRED = OAuthError.INVALID_REQUEST.withDescription(
            "this client must send its authorization request as a signed request object (request, RFC 9101)");

    private final RequestObjectPolicy policy;
    private final RequestObjectVerifier verifier;
    private final ClientKeys keys;
    private final Clock clock;

    public RequestObjectHandler(RequestObjectPolicy policy, ClientKeys keys, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.verifier = new RequestObjectVerifier(policy);
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * RFC 9101 §10.5: whether the client must send a signed request object — registered with
     * {@code require_signed_request_object}, or the OP requires it of everyone.
     */
    public boolean required(RegisteredClient client) {
        return policy.requiredForAll() || client.requireSignedRequestObject();
    }

    /**
     * The parameters to validate: the verified request object's when {@code request} is sent,
     * else the plain ones — unless this client must sign its requests ({@code invalid_request}).
     */
    public Future<FormParameters> parameters(RegisteredClient client, FormParameters params) {
        if (params.has("request")) {
            if (params.has("request_uri")) {
                return Future.failedFuture(OAuthError.INVALID_REQUEST
                        .withDescription("request and request_uri cannot be sent together").toException());
            }
            return verify(client, params);
        }
        if (required(client)) {
            return Future.failedFuture(SIGNED_REQUEST_REQUIRED.toException());
        }
        return Future.succeededFuture(params);
    }

    /**
     * The parameters of the request object in {@code params}, verified; fails with
     * {@code invalid_request_object} (or {@code invalid_request} for an outer {@code client_id}
     * of another client).
     */
    public Future<FormParameters> verify(RegisteredClient client, FormParameters params) {
        SignedJWT jwt;
        FormParameters inner;
        try {
            if (params.get("client_id").filter(id -> !id.equals(client.clientId())).isPresent()) {
                throw OAuthError.INVALID_REQUEST.withDescription("client_id does not match the authenticated client").toException();
            }
            jwt = RequestObjectVerifier.parse(params.get("request").orElseThrow(() -> OAuthError.INVALID_REQUEST_OBJECT
                    .withDescription("request is required").toException()));
            inner = verifier.checkClaims(jwt, client, clock.instant());
        } catch (OAuthException e) {
            return Future.failedFuture(e);
        }
        return keys.forSignature(client, jwt)
                .recover(failure -> Future.failedFuture(OAuthError.INVALID_REQUEST_OBJECT
                        .withDescription("the client's keys to verify the request object could not be obtained").toException()))
                .compose(set -> {
                    try {
                        RequestObjectVerifier.verifySignature(jwt, set);
                        return Future.succeededFuture(inner);
                    } catch (OAuthException e) {
                        return Future.failedFuture(e);
                    }
                });
    }
}
