package jp.jpkigate.idp.mtls;

import java.util.Objects;
import java.util.Optional;

/**
 * A client's RFC 8705 registration.
 *
 * @param subject                      §2.1.2: who a {@code tls_client_auth} client's certificate
 *                                     must name; empty for the other methods
 * @param certificateBoundAccessTokens §3.4 {@code tls_client_certificate_bound_access_tokens}: the
 *                                     client's access tokens are bound to the certificate it
 *                                     presents at the token endpoint
 */
public record MtlsClientMetadata(Optional<CertificateSubject> subject, boolean certificateBoundAccessTokens) {
    /** Neither: no mutual TLS. */
    public static final MtlsClientMetadata NONE = new MtlsClientMetadata(Optional.empty(), false);

    public MtlsClientMetadata {
        Objects.requireNonNull(subject, "subject");
    }
}
