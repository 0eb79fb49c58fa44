package jp.jpkigate.idp.login;

import java.net.URI;
import java.util.Objects;

/** Where the browser goes when a login continues: back to the client, or to the consent page. */
public sealed interface LoginContinuation {
    /** The client's redirect URI with the answer (code, or error), {@code state} and {@code iss}. */
    record ToClient(URI location) implements LoginContinuation {
        public ToClient {
            Objects.requireNonNull(location, "location");
        }
    }

    /** The person must approve sharing first: the consent page of this transaction. */
    record AskConsent(String transactionId) implements LoginContinuation {
        public AskConsent {
            Objects.requireNonNull(transactionId, "transactionId");
        }
    }
}
