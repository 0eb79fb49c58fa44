package jp.jpkigate.idp.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.mtls.ClientCertificateHeader;
import jp.jpkigate.idp.mtls.MalformedClientCertificateException;
import jp.jpkigate.idp.mtls.MtlsOptions;
import jp.jpkigate.idp.oauth.OAuthError;

/**
 * The one place the OP's endpoints get a request's client certificate from (RFC 8705): the TLS
 * session of the connection (the gateway terminates TLS and requested a certificate), or, when
 * {@link MtlsOptions#certificateHeader()} names one, only that header of a trusted TLS proxy
 * ({@link ClientCertificateHeader}; the connection's own TLS session is then the proxy's). Without
 * mutual TLS configured a request never has one, whatever headers it carries. A blank header counts
 * as absent; two of them, or one that is not a certificate, is malformed.
 */
public final class ClientCertificates {
    private final MtlsOptions options;

    public ClientCertificates(MtlsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The request's client certificate, if it has one. */
    public Optional<ClientCertificate> read(HttpServerRequest request) throws MalformedClientCertificateException {
        if (!options.enabled()) {
            return Optional.empty();
        }
        if (options.certificateHeader().isPresent()) {
            List<String> values = request.headers().getAll(options.certificateHeader().get());
            if (values.size() > 1) {
                throw new MalformedClientCertificateException("malformed client certificate header: sent more than once");
            }
            return values.isEmpty() || values.get(0).isBlank() ? Optional.empty()
                    : Optional.of(ClientCertificateHeader.parse(values.get(0)));
        }
        return fromTlsSession(request.isSSL() ? request.sslSession() : null);
    }

    /** At the authorization server (token, PAR, introspection, revocation): malformed → 400 {@code invalid_request}. */
    public Future<Optional<ClientCertificate>> atAuthorizationServer(HttpServerRequest request) {
        try {
            return Future.succeededFuture(read(request));
        } catch (MalformedClientCertificateException e) {
            return Future.failedFuture(OAuthError.INVALID_REQUEST.withDescription(e.getMessage()).toException());
        }
    }

    private static Optional<ClientCertificate> fromTlsSession(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates.isEmpty() ? Optional.empty()
                    : Optional.of(new ClientCertificate(certificates.get(0), certificates.subList(1, certificates.size())));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
