package jp.jpkigate.idp.logout;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.jpkigate.idp.session.SessionClient;
import jp.jpkigate.idp.session.SessionEndListener;
import jp.jpkigate.idp.session.SsoSession;
import jp.jpkigate.idp.token.GrantRevoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session's end means for its clients: the tokens of its grants are revoked (Back-Channel
 * Logout 1.0 §2.7: refresh tokens issued without {@code offline_access} "SHOULD be revoked"; those
 * with it were never recorded in the session), then the clients are told by back-channel. The
 * revocations complete before the answer (the client's tokens are dead by the time the browser is
 * back); the notifications go on in the background and never hold the person's page.
 */
public final class SessionLogout implements SessionEndListener {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLogout.class);

    private final GrantRevoker revoker;
    private final BackChannelLogout backChannel;

    public SessionLogout(GrantRevoker revoker, BackChannelLogout backChannel) {
        this.revoker = Objects.requireNonNull(revoker, "revoker");
        this.backChannel = Objects.requireNonNull(backChannel, "backChannel");
    }

    @Override
    public Future<Void> ended(SsoSession session) {
        List<Future<Void>> revoked = new ArrayList<>();
        for (SessionClient client : session.clients().values()) {
            for (String grant : client.grantIds()) {
                revoked.add(revoker.revoke(grant).recover(failure -> {
                    LOG.error("logout: revoking a grant of client {} failed: {}", client.clientId(), failure.getClass().getName());
                    return Future.succeededFuture();
                }));
            }
        }
        LOG.info("a single sign-on session ended: {} client(s)", session.clients().size());
        return Future.join(revoked).transform(ar -> {
            backChannel.notifyClients(session);
            return Future.succeededFuture();
        });
    }
}
