package jp.jpkigate.idp.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An RFC 7638 JWK SHA-256 thumbprint, base64url without padding (43 characters): RFC 9449's
 * {@code jkt} — the {@code cnf} of a DPoP-bound access token (§6.1) and the {@code dpop_jkt}
 * authorization request parameter (§10). Thumbprints are public: they identify a key, they are not
 * secrets.
 */
public record JwkThumbprint(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    public JwkThumbprint {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a SHA-256 JWK thumbprint is 43 base64url characters");
        }
    }

    /** RFC 7638 §3 (and RFC 8037 §2 for OKP keys): SHA-256 over the key's required members. */
    public static JwkThumbprint of(JWK key) {
        try {
            return new JwkThumbprint(key.computeThumbprint("SHA-256").toString());
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** A well-formed value, or empty. */
    public static Optional<JwkThumbprint> parse(String value) {
        return value != null && FORMAT.matcher(value).matches() ? Optional.of(new JwkThumbprint(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
