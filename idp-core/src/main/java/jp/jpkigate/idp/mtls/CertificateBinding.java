package jp.jpkigate.idp.mtls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import jp.jpkigate.idp.oauth.OAuthError;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * The certificate-binding rules of RFC 8705 at the authorization server and the protected resource:
 * <ul>
 *   <li>Token endpoint (§3, §3.4): a client registered with
 *       {@code tls_client_certificate_bound_access_tokens} gets access tokens bound to the
 *       certificate of its request's mutual-TLS connection; without one the request is refused
 *       ({@code invalid_request}: the OP never issues such a client an unbound token). Other clients'
 *       tokens are not bound, whatever they present.</li>
 *   <li>Refresh tokens (§7.1): every client here is confidential, so its refresh tokens are bound to
 *       its client authentication (mutual TLS itself for the mTLS methods), not to one certificate; a
 *       refresh needs a certificate again and binds the new access token to it — how a client moves to
 *       a renewed certificate (§6.3). §4's certificate binding of refresh tokens is for public clients,
 *       which this OP does not register.</li>
 *   <li>Protected resource (§3): a bound token is accepted only over a connection with the same
 *       certificate; otherwise 401 {@code invalid_token}.</li>
 * </ul>
 */
public final class CertificateBinding {
    private CertificateBinding() {
    }

    /** The certificate a new access token is bound to, if the client asked for bound tokens. */
    public static Optional<CertificateThumbprint> forAccessToken(boolean certificateBoundAccessTokens,
                                                                 Optional<ClientCertificate> presented) throws OAuthException {
        if (!certificateBoundAccessTokens) {
            return Optional.empty();
        }
        if (presented.isEmpty()) {
            throw OAuthError.INVALID_REQUEST.withDescription(
                    "this client gets certificate-bound access tokens only: use mutual TLS with its certificate").toException();
        }
        return Optional.of(presented.get().thumbprint());
    }

    /** Whether a token bound to {@code bound} may be used over a connection that presented {@code presented}. */
    public static boolean sameCertificate(CertificateThumbprint bound, Optional<ClientCertificate> presented) {
        return presented.isPresent() && MessageDigest.isEqual(bound.value().getBytes(StandardCharsets.US_ASCII),
                presented.get().thumbprint().value().getBytes(StandardCharsets.US_ASCII));
    }
}
