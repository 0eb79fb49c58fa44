package jp.jpkigate.idp.token;

import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.mtls.CertificateThumbprint;

/**
 * The {@code cnf} claim of a sender-constrained access token (RFC 7800 §3.1): what the token is bound
 * to, by exactly one confirmation method — a DPoP key's RFC 7638 thumbprint ({@code jkt}, RFC 9449
 * §6.1, {@link JwkThumbprint}) or a client certificate's SHA-256 thumbprint ({@code x5t#S256}, RFC 8705
 * §3.1, {@link CertificateThumbprint}). The minters write it with {@link #toClaim()}, the verifier and
 * introspection read it with {@link #fromClaim(Object)}.
 *
 * @param method     {@link #JKT} or {@link #X5T_S256}
 * @param thumbprint the base64url SHA-256 thumbprint
 */
public record Confirmation(String method, String thumbprint) {
    /** RFC 9449 §6.1: bound to a DPoP key. */
    public static final String JKT = "jkt";
    /** RFC 8705 §3.1: bound to a client certificate. */
    public static final String X5T_S256 = "x5t#S256";
    public Confirmation {
        boolean wellFormed = JKT.equals(method) ? JwkThumbprint.parse(thumbprint).isPresent()
                : X5T_S256.equals(method) && CertificateThumbprint.parse(thumbprint).isPresent();
        if (!wellFormed) {
            throw new IllegalArgumentException("a confirmation is jkt or x5t#S256 with a 43-character base64url thumbprint");
        }
    }

    /** Bound to a DPoP key (RFC 9449 §6.1). */
    public static Confirmation jwkThumbprint(JwkThumbprint jkt) {
        return new Confirmation(JKT, jkt.value());
    }

    /** Bound to a client certificate (RFC 8705 §3.1). */
    public static Confirmation certificateThumbprint(CertificateThumbprint x5tS256) {
        return new Confirmation(X5T_S256, x5tS256.value());
    }

    /** The DPoP key this binds to, if it is {@code jkt}. */
    public Optional<JwkThumbprint> dpopKey() {
        return isCertificate() ? Optional.empty() : Optional.of(new JwkThumbprint(thumbprint));
    }

    /** The certificate this binds to, if it is {@code x5t#S256}. */
    public Optional<CertificateThumbprint> certificate() {
        return isCertificate() ? Optional.of(new CertificateThumbprint(thumbprint)) : Optional.empty();
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
