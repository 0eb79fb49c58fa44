package jp.jpkigate.idp.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import jp.jpkigate.idp.mtls.MtlsOptions;
import jp.jpkigate.idp.web.AcceptAnyClientCertificate;
import jp.jpkigate.testing.TestPki;

/**
 * TLS for the mutual-TLS HTTP tests: a server CA and the listener's certificate, a client CA the OP
 * trusts for {@code tls_client_auth}, the {@link LoginFixture.Setup} of an OP listening with TLS and
 * requesting client certificates, and clients with or without a certificate — Vert.x web clients and
 * an {@link SSLSocketFactory} for Nimbus's own HTTP.
 */
public final class MtlsTlsSetup {
    public final TestPki serverCa;
    public final TestPki.Issued server;
    public final TestPki clientCa;

    public MtlsTlsSetup(Instant now) {
        serverCa = TestPki.create("Server CA", now);
        server = serverCa.server();
        clientCa = TestPki.create("Client CA", now);
    }

    /** The OP with these clients over TLS, client certificates from its TLS sessions, {@link #clientCa} trusted. */
    public LoginFixture.Setup setup(String moreClients) {
        HttpServerOptions listener = new HttpServerOptions().setSsl(true).setKeyCertOptions(keyCert(server));
        return new LoginFixture.Setup(moreClients, config -> config.withMtls(MtlsOptions.tlsSession(List.of(clientCa.caCertificate()))),
                AcceptAnyClientCertificate.requestOn(listener), new WebClientOptions().setSsl(true).setTrustOptions(serverTrust()));
    }

    /** A channel to the OP presenting {@code certificate} (none for {@code null}). */
    public MtlsChannel channel(LoginFixture op, TestPki.Issued certificate) {
        WebClientOptions options = new WebClientOptions().setSsl(true).setTrustOptions(serverTrust())
                .setDefaultHost("127.0.0.1").setDefaultPort(op.server.actualPort());
        if (certificate != null) {
            options.setKeyCertOptions(keyCert(certificate));
        }
        return MtlsChannel.of(WebClient.create(op.vertx, options));
    }

    /** For Nimbus's {@code HTTPRequest.setSSLSocketFactory}: trusts the server CA, presents {@code certificate} (or none). */
    public SSLSocketFactory socketFactory(TestPki.Issued certificate) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (certificate != null) {
            keys.setKeyEntry("client", certificate.keys().getPrivate(), password, new Certificate[] {certificate.certificate()});
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server-ca", serverCa.caCertificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private PemTrustOptions serverTrust() {
        return new PemTrustOptions().addCertValue(Buffer.buffer(serverCa.caPem()));
    }

    public static PemKeyCertOptions keyCert(TestPki.Issued issued) {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(issued.certificatePem())).setKeyValue(Buffer.buffer(issued.keyPem()));
    }
}
