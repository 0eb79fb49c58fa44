package jp.jpkigate.idp.authorize;

import io.vertx.core.Future;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.AuthorizationRequestParser;
import jp.jpkigate.idp.requestobject.RequestObjectHandler;
import jp.jpkigate.idp.store.PushedRequestStore;

/**
 * Turns the query of {@code GET /authorize} into a validated request (OIDC Core §3.1.2.2):
 * <ul>
 *   <li>with {@code request_uri} (RFC 9126 §4): the pushed request, consumed once; its
 *       {@code client_id} must equal the query's. Unknown, used or expired request URIs, and a
 *       client mismatch, are error pages: the pushed request is gone, so no redirect URI is known
 *       to be the client's.</li>
 *   <li>with {@code request} (RFC 9101 §5.1), for a client not required to use PAR: the request
 *       object, verified by the {@link RequestObjectHandler}; its parameters replace the query's
 *       (RFC 9101 §6.3). A refused request object is an error page: its {@code redirect_uri} is
 *       not to be trusted, and the query's is not the request's.</li>
 *   <li>otherwise the plain parameters, parsed by {@link AuthorizationRequestParser}, unless the
 *       client or the OP requires PAR (RFC 9126 §5, §6) or signed request objects
 *       (RFC 9101 §10.5).</li>
 * </ul>
 * Until {@code client_id} and {@code redirect_uri} are validated every failure is an error page;
 * after, it is redirected to the client with {@code state} (RFC 6749 §4.1.2.1). {@code prompt=none}
 * passes: whether a single sign-on session answers it, or {@code login_required}, is the login's
 * decision ({@code SessionLogin}).
 */
public final class AuthorizationRequestResolver {
    private final ClientRegistry clients;
    private final PushedRequestStore pushedRequests;
    private final RequestObjectHandler requestObjects;
    private final boolean requirePar;

    public AuthorizationRequestResolver(ClientRegistry clients, PushedRequestStore pushedRequests,
                                        RequestObjectHandler requestObjects, boolean requirePar) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.pushedRequests = Objects.requireNonNull(pushedRequests, "pushedRequests");
        this.requestObjects = Objects.requireNonNull(requestObjects, "requestObjects");
        this.requirePar = requirePar;
    }

    /** Resolves the raw query string (may be null); fails only with an {@link AuthorizationFailure}. */
    public Future<ResolvedAuthorization> resolve(String rawQuery) {
        FormParameters params;
        try {
            params = FormParameters.parse(rawQuery == null ? new byte[0]
                    : rawQuery.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (OAuthException e) {
            return Future.failedFuture(AuthorizationFailure.page(e.error()));
        }
        Optional<String> clientId = params.get("client_id");
        if (clientId.isEmpty()) {
            return page(OAuthError.INVALID_REQUEST, "client_id is required");
        }
        Optional<RegisteredClient> found = clients.find(clientId.get());
        if (found.isEmpty()) {
            return page(OAuthError.INVALID_REQUEST, "unknown client_id");
        }
        RegisteredClient client = found.get();
        Optional<String> requestUri = params.get("request_uri");
        if (requestUri.isPresent()) {
            return pushedRequests.consume(requestUri.get())
                    .recover(failure -> Future.failedFuture(AuthorizationFailure.page(OAuthError.SERVER_ERROR)))
                    .compose(stored -> {
                        if (stored.isEmpty()) {
                            return page(OAuthError.INVALID_REQUEST_URI, "request_uri is unknown, used or expired");
                        }
                        if (!stored.get().clientId().equals(client.clientId())) {
                            return page(OAuthError.INVALID_REQUEST_URI, "request_uri was pushed by another client");
                        }
                        return Future.succeededFuture(new ResolvedAuthorization(client, stored.get()));
                    });
        }
        boolean parRequired = requirePar || client.requirePushedAuthorizationRequests();
        if (params.has("request") && !parRequired) {
            return requestObjects.verify(client, params)
                    .recover(failure -> Future.failedFuture(AuthorizationFailure.page(failure instanceof OAuthException e
                            ? e.error() : OAuthError.SERVER_ERROR)))
                    .compose(inner -> parse(client, inner, Optional.empty()));
        }
        Optional<OAuthError> refusal = Optional.empty();
        if (parRequired) {
            refusal = Optional.of(OAuthError.INVALID_REQUEST.withDescription(
                    "this client must use pushed authorization requests (RFC 9126)"));
        } else if (requestObjects.required(client)) {
            refusal = Optional.of(RequestObjectHandler.SIGNED_REQUEST_REQUIRED);
        }
        return parse(client, params, refusal);
    }

    /**
     * The plain parameters, or a verified request object's: once the redirect URI is validated,
     * the {@code refusal} (if any) and parse errors are redirected to it.
     */
    private Future<ResolvedAuthorization> parse(RegisteredClient client, FormParameters params, Optional<OAuthError> refusal) {
        Optional<String> redirect = params.get("redirect_uri");
        if (redirect.isEmpty() || !client.isRegisteredRedirectUri(redirect.get())) {
            return page(OAuthError.INVALID_REQUEST, "redirect_uri is missing or not registered for this client");
        }
        URI redirectUri;
        try {
            redirectUri = new URI(redirect.get());
        } catch (java.net.URISyntaxException e) {
            return page(OAuthError.INVALID_REQUEST, "redirect_uri is not a URI");
        }
        Optional<String> state = params.get("state").filter(AuthorizationRequestResolver::echoable);
        if (refusal.isPresent()) {
            return Future.failedFuture(AuthorizationFailure.redirect(refusal.get(), redirectUri, state));
        }
        AuthorizationRequest request;
        try {
            request = AuthorizationRequestParser.parse(params, client);
        } catch (OAuthException e) {
            return Future.failedFuture(AuthorizationFailure.redirect(e.error(), redirectUri, state));
        }
        return Future.succeededFuture(new ResolvedAuthorization(client, request));
    }

    /** A state worth echoing: what the parser accepts (RFC 6749 Appendix A.5 VSCHAR, at most 512). */
    private static boolean echoable(String state) {
        return state.length() <= 512 && state.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    private static <T> Future<T> page(OAuthError error, String description) {
        return Future.failedFuture(AuthorizationFailure.page(error.withDescription(description)));
    }
}
