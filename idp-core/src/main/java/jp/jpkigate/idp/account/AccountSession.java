package jp.jpkigate.idp.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's short session on the account page, opened by an authentication-certificate login of
 * the OP itself. It holds only the person key (never the 4 information).
 *
 * @param personKey the renewal-stable key of the person who signed
 * @param createdAt when the card signed and the session opened
 * @param expiresAt after this instant the session no longer counts
 */
public record AccountSession(String personKey, Instant createdAt, Instant expiresAt) {
    public AccountSession {
        Objects.requireNonNull(personKey, "personKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccountSession[until " + expiresAt + "]";
    }
}
