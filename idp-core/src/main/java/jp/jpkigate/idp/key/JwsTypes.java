package jp.jpkigate.idp.key;

import com.nimbusds.jose.JWSHeader;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code typ} header of a JWS, normalised: RFC 7515 §4.1.9 makes it a media type, compared
 * case-insensitively, whose {@code application/} prefix may be left out. Explicit typing
 * (RFC 8725 §3.11) tells one kind of JWT from another.
 */
public final class JwsTypes {
    private JwsTypes() {
    }

    /** The header's {@code typ} in lower case without {@code application/}, or empty when absent. */
    public static Optional<String> of(JWSHeader header) {
        if (header.getType() == null || header.getType().getType() == null) {
            return Optional.empty();
        }
        String lower = header.getType().getType().toLowerCase(Locale.ROOT);
        return Optional.of(lower.startsWith("application/") ? lower.substring("application/".length()) : lower);
    }
}
