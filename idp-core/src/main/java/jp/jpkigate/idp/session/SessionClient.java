package jp.jpkigate.idp.session;

import java.util.List;
import java.util.Objects;

/**
 * A client the session logged in to.
 *
 * @param clientId the client
 * @param sid      the client's session id (OIDC Back-Channel Logout 1.0 §2.4): random, in its ID
 *                 tokens and Logout Tokens, different for every client of the session
 * @param grantIds the grants ({@code GrantIds}) issued to the client in the session without
 *                 {@code offline_access}: their tokens are revoked when the session ends
 */
public record SessionClient(String clientId, String sid, List<String> grantIds) {
    public SessionClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sid, "sid");
        grantIds = List.copyOf(grantIds);
    }

    @Override
    public String toString() {
        return "SessionClient[" + clientId + ", " + grantIds.size() + " grant(s)]";
    }
}
