package jp.jpkigate.gateway.app;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.idp.web.AcceptAnyClientCertificate;

/**
 * The options of the gateway's one listener: plain HTTP, or TLS with the configured PEM certificate
 * and key (Vert.x reads the files when the server starts). Terminating TLS without a trusted proxy
 * header, it requests — never requires — a client certificate and accepts any at the TLS layer
 * ({@link AcceptAnyClientCertificate}): browsers and RFC 8705 clients share the port, and the OP
 * checks each certificate against what the client registered.
 */
final class HttpListenerOptions {
    /**
     * The largest piece of a body handed to the request's handler (Netty's default: 8 KiB). A batch of
     * 1,000 certificates is about 2 MB: in 8 KiB pieces, each passing the pipeline, it cost more than
     * reading the body.
     */
    static final int MAX_CHUNK_BYTES = 64 * 1024;
    /** The header limit behind a TLS proxy: the certificate header alone may take 16 KiB. */
    static final int PROXIED_MAX_HEADER_BYTES = 24 * 1024;

    private HttpListenerOptions() {
    }

    static HttpServerOptions of(GatewayConfig.Http http, int port) {
        // No cleartext HTTP/2 (h2c): its detection holds a connection back until a first request head
        // arrives, out of reach of the slow-request limits (SlowClients).
        HttpServerOptions options = new HttpServerOptions().setHost(http.host()).setPort(port)
                .setHttp2ClearTextEnabled(false).setMaxChunkSize(MAX_CHUNK_BYTES);
        GatewayConfig.Tls tls = http.tls();
        if (tls.clientCertHeader() != null) {
            // Room for a forwarded certificate chain (URL-encoded PEM) beside the usual headers.
            options.setMaxHeaderSize(PROXIED_MAX_HEADER_BYTES);
        }
        if (!tls.terminates()) {
            return options;
        }
        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString()));
        // Behind a trusted proxy the certificates come in its header; the TLS session is the proxy's.
        return tls.clientCertHeader() == null ? AcceptAnyClientCertificate.requestOn(options) : options;
    }
}
