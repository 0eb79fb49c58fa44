package jp.jpkigate.idp.token;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code cnf} claim of a sender-constrained access token (RFC 7800 §3.1): what the token is bound
 * to, by exactly one confirmation method — a DPoP key's RFC 7638 thumbprint ({@code jkt}, RFC 9449
 * §6.1) or a client certificate's SHA-256 thumbprint ({@code x5t#S256}, RFC 8705 §3.1). Both values are
 * 43 base64url characters. The minter writes it with {@link #toClaim()}, the verifier reads it with
 * {@link #fromClaim(Object)}.
 *
 * @param method     {@link #JKT} or {@link #X5T_S256}
 * @param thumbprint the base64url SHA-256 thumbprint
 */
public record Confirmation(String method, String thumbprint) {
    /** RFC 9449 §6.1: bound to a DPoP key. */
    public static final String JKT = "jkt";
    /** RFC 8705 §3.1: bound to a client certificate. */
    public static final String X5T_S256 = "x5t#S256";
    private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

    public Confirmation {
        if (!JKT.equals(method) && !X5T_S256.equals(method)) {
            throw new IllegalArgumentException("the confirmation method is jkt or x5t#S256");
        }
        if (thumbprint == null || !THUMBPRINT.matcher(thumbprint).matches()) {
            throw new IllegalArgumentException("a confirmation thumbprint is 43 base64url characters");
        }
    }

    /** Bound to a DPoP key (RFC 9449 §6.1). */
    public static Confirmation jwkThumbprint(String jkt) {
        return new Confirmation(JKT, jkt);
    }

    /** Bound to a client certificate (RFC 8705 §3.1). */
    public static Confirmation certificateThumbprint(String x5tS256) {
        return new Confirmation(X5T_S256, x5tS256);
    }

    /** Whether this binds to a client certificate. */
    public boolean isCertificate() {
        return X5T_S256.equals(method);
    }

    /** The {@code cnf} claim's value: {@code {"jkt": ...}} or {@code {"x5t#S256": ...}}. */
    public Map<String, Object> toClaim() {
        return Map.of(method, thumbprint);
    }

    /**
     * Reads a {@code cnf} claim's value: absent ({@code null}) → empty; an object with exactly one
     * known member holding a well-formed thumbprint → that confirmation.
     *
     * @throws IllegalArgumentException for anything else (an unknown or ambiguous confirmation method
     *                                  must not be ignored: RFC 7800 §3.1)
     */
    public static Optional<Confirmation> fromClaim(Object cnf) {
        if (cnf == null) {
            return Optional.empty();
        }
        if (!(cnf instanceof Map<?, ?> members) || members.size() != 1) {
            throw new IllegalArgumentException("unsupported confirmation method");
        }
        Map.Entry<?, ?> member = members.entrySet().iterator().next();
        if (!(member.getKey() instanceof String method) || !(member.getValue() instanceof String value)) {
            throw new IllegalArgumentException("unsupported confirmation method");
        }
        return Optional.of(new Confirmation(method, value));
    }
}
