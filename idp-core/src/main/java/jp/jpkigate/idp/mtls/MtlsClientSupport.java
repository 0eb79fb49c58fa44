package jp.jpkigate.idp.mtls;

import java.util.Optional;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.client.TokenEndpointAuthMethod;

/**
 * Whether the OP can serve a client's mutual-TLS registration: a client that authenticates with
 * its certificate or wants certificate-bound tokens needs the gateway to receive client
 * certificates, and {@code tls_client_auth} also needs a client CA. The same rule for the
 * configuration file's clients (at start) and the admin API's (at registration).
 */
public final class MtlsClientSupport {
    private MtlsClientSupport() {
    }

    /** The problem, naming the setting to change; empty when the client can be served. */
    public static Optional<String> problem(RegisteredClient client, MtlsOptions options) {
        boolean needsCertificates = client.authMethod().mutualTls() || client.mtls().certificateBoundAccessTokens();
        if (needsCertificates && !options.enabled()) {
            return Optional.of("uses mutual TLS, but the gateway gets no client certificates"
                    + " (set http.tls.certFile and keyFile, or http.tls.clientCertHeader behind a TLS proxy)");
        }
        if (client.authMethod() == TokenEndpointAuthMethod.TLS_CLIENT_AUTH && options.clientCas().isEmpty()) {
            return Optional.of("uses tls_client_auth, but no client CA is configured (http.tls.clientCaFile)");
        }
        return Optional.empty();
    }
}
