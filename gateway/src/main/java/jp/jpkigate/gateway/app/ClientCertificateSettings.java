package jp.jpkigate.gateway.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.mtls.MtlsClientSupport;
import jp.jpkigate.idp.mtls.MtlsOptions;

/**
 * The OP's mutual-TLS settings from the gateway's TLS configuration: where client certificates come
 * from (this listener's TLS sessions, or a trusted proxy's header) and the client CA bundle, read
 * once at start (blocking: call it on a worker). Clients whose registration needs certificates the
 * configuration cannot give stop the start with every such client named.
 */
final class ClientCertificateSettings {
    private ClientCertificateSettings() {
    }

    static MtlsOptions load(GatewayConfig.Tls tls) throws IOException, CertificateException {
        List<X509Certificate> cas = tls.clientCaFile() == null ? List.of() : readCas(tls);
        if (tls.clientCertHeader() != null) {
            return MtlsOptions.proxyHeader(tls.clientCertHeader(), cas);
        }
        return tls.terminates() ? MtlsOptions.tlsSession(cas) : MtlsOptions.none();
    }

    private static List<X509Certificate> readCas(GatewayConfig.Tls tls) throws IOException, CertificateException {
        List<X509Certificate> cas = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tls.clientCaFile())) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                cas.add((X509Certificate) certificate);
            }
        }
        if (cas.isEmpty()) {
            throw new IllegalArgumentException("http.tls.clientCaFile " + tls.clientCaFile() + " holds no PEM certificate");
        }
        return cas;
    }

    /** Fails naming every client that registered mutual TLS the configuration cannot serve. */
    static void check(Collection<RegisteredClient> clients, MtlsOptions options) {
        List<String> problems = new ArrayList<>();
        for (RegisteredClient client : clients) {
            MtlsClientSupport.problem(client, options).ifPresent(p -> problems.add("client " + client.clientId() + " " + p));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
