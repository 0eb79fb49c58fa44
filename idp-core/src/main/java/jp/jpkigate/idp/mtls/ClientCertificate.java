package jp.jpkigate.idp.mtls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate a client presented for mutual TLS (RFC 8705), from the TLS session or from a
 * trusted TLS proxy's header, not yet verified against anything: the TLS handshake (ours or the
 * proxy's) proved only that the client holds its private key.
 *
 * @param certificate  the client's (end-entity) certificate
 * @param intermediates the other certificates the client sent with it, to build a path to a
 *                      configured CA ({@code tls_client_auth}); possibly empty
 */
public record ClientCertificate(X509Certificate certificate, List<X509Certificate> intermediates) {
    public ClientCertificate {
        Objects.requireNonNull(certificate, "certificate");
        intermediates = List.copyOf(intermediates);
    }

    /** A certificate sent alone. */
    public static ClientCertificate of(X509Certificate certificate) {
        return new ClientCertificate(certificate, List.of());
    }

    /** RFC 8705 §3.1: what a bound token's {@code cnf} holds. */
    public CertificateThumbprint thumbprint() {
        return CertificateThumbprint.of(certificate);
    }

    /** Only the thumbprint: subject names may be personal data and stay out of logs. */
    @Override
    public String toString() {
        return "ClientCertificate[x5t#S256=" + thumbprint() + "]";
    }
}
