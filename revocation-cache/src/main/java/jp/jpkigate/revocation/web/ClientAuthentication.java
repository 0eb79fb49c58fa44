package jp.jpkigate.revocation.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates the calling business with its client credentials (RFC 6749 2.3.1, HTTP Basic) before
 * the endpoint runs. Failure is RFC 6749 5.2 {@code invalid_client}: "401 (Unauthorized) status code
 * ... MUST include the WWW-Authenticate response header field matching the authentication scheme used
 * by the client", here with a problem document. The secret is never logged, echoed or kept: each
 * request's secret is hashed and compared in constant time (about a microsecond), so no long-lived
 * structure holds client secrets.
 */
final class ClientAuthentication implements Handler<RoutingContext> {
    /** The challenge of every 401 (RFC 7617 2). */
    static final String CHALLENGE = "Basic realm=\"jpki-gate revocation\", charset=\"UTF-8\"";
    /** Where the authenticated {@link ApiClientId} is kept in the routing context. */
    static final String CLIENT = "jpki-gate.revocation.client";

    private static final CharSequence AUTHORIZATION = HttpHeaders.createOptimized("Authorization");

    private final RevocationApiClients clients;

    ClientAuthentication(RevocationApiClients clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public void handle(RoutingContext ctx) {
        Object outcome = authenticate(ctx.request().getHeader(AUTHORIZATION));
        if (outcome instanceof ApiClientId client) {
            ctx.put(CLIENT, client);
            ctx.next();
        } else {
            ProblemWriter.send(ctx, (Problem) outcome);
        }
    }

    /** The client the {@code Authorization} header value authenticates, or the {@link Problem} (401) to answer. */
    Object authenticate(String authorization) {
        BasicCredentials credentials;
        try {
            credentials = BasicCredentials.parse(authorization);
        } catch (ProblemException e) {
            return e.problem();
        }
        Optional<ApiClientId> client = clients.authenticate(credentials.clientId(), credentials.clientSecret());
        return client.isPresent() ? client.get() : UNKNOWN_CLIENT;
    }

    /** The same as the handler: the {@code Authorization} header of {@code request}. */
    Object authenticate(HttpServerRequest request) {
        return authenticate(request.getHeader(AUTHORIZATION));
    }

    private static final Problem UNKNOWN_CLIENT = Problem.INVALID_CLIENT.withDetail("unknown client or wrong client secret");
}
