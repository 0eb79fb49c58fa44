package jp.jpkigate.revocation.web;

import java.util.Objects;

/** The {@code client_id} of a business calling the validity-check API (RFC 6749 2.2). */
public record ApiClientId(String value) {
    public ApiClientId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 255 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a client id is 1 to 255 characters without control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
