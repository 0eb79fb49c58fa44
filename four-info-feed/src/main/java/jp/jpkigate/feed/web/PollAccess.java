package jp.jpkigate.feed.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is polling: the poll endpoint accepts an access token exactly as the gateway's other protected
 * resources do, so this is a seam the gateway fills with that one check (idp-core's protected-resource
 * access — Bearer, DPoP-bound or certificate-bound token, scope {@code feed:read},
 * {@code ApiScopes.FEED_READ}) rather than a second implementation here:
 * <pre>
 * new PollAccess() {
 *     public Future&lt;String&gt; clientId(RoutingContext ctx) {
 *         return ProtectedResourceHttp.check(ctx.request(), ctx.response(), access, proofs, pollTarget, certificates,
 *                 Set.of(ApiScopes.FEED_READ)).map(VerifiedAccessToken::clientId);
 *     }
 *     public boolean answer(HttpServerResponse response, Throwable failure) {
 *         return ProtectedResourceHttp.answer(response, failure);
 *     }
 * }
 * </pre>
 */
public interface PollAccess {
    /** The client id of the business whose valid token with scope {@code feed:read} the request carries; fails otherwise. */
    Future<String> clientId(RoutingContext ctx);

    /**
     * Answers a failed {@link #clientId} (401 / 403 with {@code WWW-Authenticate}, as RFC 6750 §3 and
     * RFC 9449 §7.1 say) and returns true; false for a failure it does not know (a store outage).
     */
    boolean answer(HttpServerResponse response, Throwable failure);
}
