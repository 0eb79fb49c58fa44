package jp.jpkigate.idp.logout;

import io.vertx.core.Future;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.session.SessionClient;
import jp.jpkigate.idp.session.SsoSession;
import jp.jpkigate.idp.subject.PairwiseSubjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect Back-Channel Logout 1.0 §2.5: when a session ends, every client it logged in to
 * that registered a {@code backchannel_logout_uri} gets a POST with its own Logout Token
 * ({@link LogoutTokens}: its pairwise {@code sub} and its {@code sid}). Each delivery has a timeout
 * and is tried again after network failures, timeouts and 5xx / 429 answers ({@link BackChannelOptions});
 * a 4xx means the client refused the token and is not repeated. Failures are logged with the client
 * id and the reason only — never the token.
 */
public final class BackChannelLogout {
    private static final Logger LOG = LoggerFactory.getLogger(BackChannelLogout.class);

    private final ClientRegistry clients;
    private final PairwiseSubjects subjects;
    private final LogoutTokens tokens;
    private final LogoutTokenSender sender;
    private final BackChannelOptions options;

    public BackChannelLogout(ClientRegistry clients, PairwiseSubjects subjects, LogoutTokens tokens, LogoutTokenSender sender,
                             BackChannelOptions options) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.subjects = Objects.requireNonNull(subjects, "subjects");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Delivers to the session's clients; completes when every delivery succeeded or was given up; never fails. */
    public Future<Void> notifyClients(SsoSession session) {
        List<Future<Void>> deliveries = new ArrayList<>();
        for (SessionClient joined : session.clients().values()) {
            clients.find(joined.clientId()).ifPresent(client -> client.logout().backchannelLogoutUri()
                    .ifPresent(uri -> deliveries.add(deliver(client, uri, session, joined))));
        }
        return Future.join(deliveries).transform(ar -> Future.succeededFuture());
    }

    private Future<Void> deliver(RegisteredClient client, URI uri, SsoSession session, SessionClient joined) {
        String token;
        try {
            token = tokens.mint(client.clientId(), subjects.subject(client.sector(), session.personKey()), joined.sid());
        } catch (RuntimeException e) {
            LOG.error("back-channel logout to client {}: no logout token ({})", client.clientId(), e.getClass().getName());
            return Future.succeededFuture();
        }
        return attempt(client.clientId(), uri, token, 1);
    }

    private Future<Void> attempt(String clientId, URI uri, String token, int attempt) {
        return sender.post(uri, token, options.timeout()).transform(ar -> {
            if (ar.succeeded() && ar.result() >= 200 && ar.result() < 300) {
                return Future.<Void>succeededFuture();
            }
            boolean again = ar.failed() || ar.result() >= 500 || ar.result() == 429;
            String why = ar.failed() ? ar.cause().getClass().getSimpleName() : "HTTP " + ar.result();
            if (!again || attempt >= options.attempts()) {
                LOG.warn("back-channel logout to client {} failed after {} attempt(s): {}", clientId, attempt, why);
                return Future.<Void>succeededFuture();
            }
            return sender.pause(options.retryDelay().multipliedBy(1L << (attempt - 1)))
                    .compose(v -> attempt(clientId, uri, token, attempt + 1));
        });
    }
}
