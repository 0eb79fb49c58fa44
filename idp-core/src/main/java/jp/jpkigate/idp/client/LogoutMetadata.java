package jp.jpkigate.idp.client;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's logout metadata: OpenID Connect RP-Initiated Logout 1.0 §3.1 and Back-Channel Logout
 * 1.0 §2.2. Immutable.
 *
 * @param postLogoutRedirectUris           where the OP may send the browser after logout; a logout
 *                                         request must repeat one exactly (string match)
 * @param backchannelLogoutUri             where the OP POSTs a Logout Token when the person's session ends
 * @param backchannelLogoutSessionRequired the Logout Token must carry {@code sid} (this OP always sends it)
 */
public record LogoutMetadata(List<URI> postLogoutRedirectUris, Optional<URI> backchannelLogoutUri,
                             boolean backchannelLogoutSessionRequired) {
    /** No logout metadata registered. */
    public static final LogoutMetadata NONE = new LogoutMetadata(List.of(), Optional.empty(), false);

    public LogoutMetadata {
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        Objects.requireNonNull(backchannelLogoutUri, "backchannelLogoutUri");
    }

    /** Whether {@code uri} is registered, by exact string comparison (as redirect URIs are). */
    public boolean isRegisteredPostLogoutRedirectUri(String uri) {
        return postLogoutRedirectUris.stream().anyMatch(registered -> registered.toString().equals(uri));
    }
}
