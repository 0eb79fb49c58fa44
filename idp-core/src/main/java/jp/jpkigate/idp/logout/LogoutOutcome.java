package jp.jpkigate.idp.logout;

import java.net.URI;
import java.util.Objects;

/** How the logout endpoint answers the browser. */
public sealed interface LogoutOutcome {
    /** Done: to the client's registered post-logout redirect URI (with {@code state}); the session cookie is cleared. */
    record ToClient(URI location) implements LogoutOutcome {
        public ToClient {
            Objects.requireNonNull(location, "location");
        }
    }

    /** Done: the "logged out" page; the session cookie is cleared. */
    record LoggedOut(boolean english) implements LogoutOutcome {
    }

    /**
     * Ask first: the confirmation page, whose form carries {@code carried} on and the token
     * {@code csrf}, bound to a new logout cookie holding {@code logoutSecret}.
     */
    record Confirm(String logoutSecret, String csrf, String clientName, LogoutRequest carried) implements LogoutOutcome {
        public Confirm {
            Objects.requireNonNull(logoutSecret, "logoutSecret");
            Objects.requireNonNull(csrf, "csrf");
            Objects.requireNonNull(carried, "carried");
        }

        @Override
        public String toString() {
            return "Confirm[" + carried + "]";
        }
    }
}
