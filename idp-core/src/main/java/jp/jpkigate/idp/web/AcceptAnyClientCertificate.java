package jp.jpkigate.idp.web;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.TrustOptions;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of mutual TLS (RFC 8705) on the OP's one listener: a client certificate is requested
 * but not required (browsers use the same port), and any certificate is accepted at the TLS layer —
 * the handshake still proves the client holds the certificate's private key. Accepting any is what
 * {@code self_signed_tls_client_auth} and certificate-bound tokens need; the OP verifies a
 * {@code tls_client_auth} client's chain itself, against the configured client CAs
 * ({@code ClientCertificateTrust}). No CA names are sent in the CertificateRequest, so clients offer
 * whatever certificate they have. Never used to check servers.
 */
public final class AcceptAnyClientCertificate extends X509ExtendedTrustManager {
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    /** Requests client certificates on a TLS server and accepts any at the TLS layer; returns {@code options}. */
    public static HttpServerOptions requestOn(HttpServerOptions options) {
        return options.setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(new AcceptAnyClientCertificate()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Accepted: the endpoints verify what the client's registration requires.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // Accepted: the endpoints verify what the client's registration requires.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // Accepted: the endpoints verify what the client's registration requires.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only accepts client certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
