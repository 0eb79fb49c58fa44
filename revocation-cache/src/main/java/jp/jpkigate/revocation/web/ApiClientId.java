package jp.jpkigate.revocation.web;

import java.util.Objects;

/** The {@code client_id} of a business calling the validity-check API (RFC 6749 2.2). */
public record ApiClientId(String value) {
    public ApiClientId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 255 || hasControl(value)) {
            throw new IllegalArgumentException("a client id is 1 to 255 characters without control characters");
        }
    }

    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return value;
    }
}
