package jp.jpkigate.idp.authorize;

import java.util.Objects;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.par.AuthorizationRequest;

/** A validated authorization request and its client, ready to open a login. */
public record ResolvedAuthorization(RegisteredClient client, AuthorizationRequest request) {
    public ResolvedAuthorization {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(request, "request");
    }
}
