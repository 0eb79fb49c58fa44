package jp.jpkigate.idp.token;

import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.mtls.CertificateThumbprint;

/**
 * What a token request proved possession of, for the grant handlers: the key of its verified DPoP
 * proof (RFC 9449 §5; it also redeems a code or refresh token bound to that key) and the client
 * certificate the new access token is to be bound to (RFC 8705 §3; set only for a client registered
 * with {@code tls_client_certificate_bound_access_tokens}). At most one of them binds the access
 * token ({@link #confirmation()}): the token endpoint refuses a DPoP proof from a client whose tokens
 * are bound to its certificate.
 *
 * @param dpopKey     the key of the request's verified DPoP proof
 * @param certificate the certificate of the request's mutual-TLS connection, when the client gets
 *                    certificate-bound access tokens
 */
public record SenderConstraint(Optional<JwkThumbprint> dpopKey, Optional<CertificateThumbprint> certificate) {
    /** A bearer-token request: no proof, no certificate binding. */
    public static final SenderConstraint NONE = new SenderConstraint(Optional.empty(), Optional.empty());

    public SenderConstraint {
        Objects.requireNonNull(dpopKey, "dpopKey");
        Objects.requireNonNull(certificate, "certificate");
        if (dpopKey.isPresent() && certificate.isPresent()) {
            throw new IllegalArgumentException("an access token is bound to a DPoP key or to a certificate, not both");
        }
    }

    /** With the key of a verified DPoP proof, if any (RFC 9449). */
    public static SenderConstraint dpop(Optional<JwkThumbprint> dpopKey) {
        return new SenderConstraint(dpopKey, Optional.empty());
    }

    /** Bound to a client certificate (RFC 8705 §3). */
    public static SenderConstraint certificate(CertificateThumbprint certificate) {
        return new SenderConstraint(Optional.empty(), Optional.of(certificate));
    }

    /** The new access token's {@code cnf} (RFC 7800 §3.1): {@code jkt} or {@code x5t#S256}, or none. */
    public Optional<Confirmation> confirmation() {
        return certificate.map(Confirmation::certificateThumbprint).or(() -> dpopKey.map(Confirmation::jwkThumbprint));
    }

    /**
     * RFC 6749 §7.1 {@code token_type}: {@code DPoP} for a DPoP-bound token (RFC 9449 §5), else
     * {@code Bearer} — also for a certificate-bound one (RFC 8705 §3).
     */
    public String tokenType() {
        return dpopKey.isPresent() ? TokenResponse.DPOP : TokenResponse.BEARER;
    }
}
