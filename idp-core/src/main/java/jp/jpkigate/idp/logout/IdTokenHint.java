package jp.jpkigate.idp.logout;

import java.util.Objects;
import java.util.Optional;

/**
 * What a verified {@code id_token_hint} says.
 *
 * @param clientId the client it was issued to (its only audience)
 * @param subject  the pairwise {@code sub}
 * @param sid      the client's session id, when the login belonged to a session
 */
public record IdTokenHint(String clientId, String subject, Optional<String> sid) {
    public IdTokenHint {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sid, "sid");
    }

    @Override
    public String toString() {
        return "IdTokenHint[" + clientId + "]";
    }
}
