package jp.jpkigate.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev-mode gateway with TLS from PEM files (as a Kubernetes Secret mounts them): browsers without
 * a certificate and RFC 8705 clients with one share the listener; any client certificate passes the
 * handshake and the OP judges it; behind a TLS proxy the configured header carries it; a
 * {@code tls_client_auth} client without client CAs stops the start.
 */
class TlsGatewayTest {
    private static final String DN = "CN=tls-bank,O=Example Bank,C=JP";
    private static final String PAR_FORM = "client_id=tls-bank&response_type=code&scope=openid"
            + "&redirect_uri=https%3A%2F%2Frp.bank.example%2Fcb&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
            + "&code_challenge_method=S256";

    @TempDir
    Path dir;

    private final TestPki serverCa = TestPki.create("Server CA", Instant.now());
    private final TestPki clientCa = TestPki.create("Client CA", Instant.now());
    private final TestPki.Issued tlsBank = clientCa.client(DN);
    private Vertx vertx;
    private GatewayApp app;

    @BeforeEach
    void createVertx() {
        vertx = TestVertx.create();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            TestVertx.await(app.stop());
        }
        TestVertx.await(vertx.close());
    }

    private GatewayApp start(Map<String, String> tlsEnv) throws Exception {
        Path clients = Files.writeString(dir.resolve("clients.json"), "[{\"client_id\":\"tls-bank\","
                + "\"redirect_uris\":[\"https://rp.bank.example/cb\"],\"token_endpoint_auth_method\":\"tls_client_auth\","
                + "\"tls_client_auth_subject_dn\":\"" + DN + "\",\"tls_client_certificate_bound_access_tokens\":true}]");
        Map<String, String> env = new HashMap<>(tlsEnv);
        env.putAll(Map.of("JPKI_GATE_HTTP_PORT", "0", "JPKI_GATE_DATA_DIR", dir.resolve("data").toString(),
                "JPKI_GATE_SIM_PORT", "0", "JPKI_GATE_OIDC_CLIENTS_FILE", clients.toString()));
        app = new GatewayApp(vertx, ConfigLoader.parse(null, env), Clock.systemUTC());
        TestVertx.await(app.start());
        return app;
    }

    private Map<String, String> tlsFiles(boolean withClientCas) throws Exception {
        TestPki.Issued server = serverCa.server();
        Map<String, String> env = new HashMap<>(Map.of(
                "JPKI_GATE_TLS_CERT_FILE", Files.writeString(dir.resolve("tls.crt"), server.certificatePem()).toString(),
                "JPKI_GATE_TLS_KEY_FILE", Files.writeString(dir.resolve("tls.key"), server.keyPem()).toString()));
        if (withClientCas) {
            env.put("JPKI_GATE_TLS_CLIENT_CA_FILE", Files.writeString(dir.resolve("client-ca.pem"), clientCa.caPem()).toString());
        }
        return env;
    }

    private WebClient https(TestPki.Issued certificate) {
        WebClientOptions options = new WebClientOptions().setSsl(true).setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort())
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(serverCa.caPem())));
        if (certificate != null) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate.certificatePem()))
                    .setKeyValue(Buffer.buffer(certificate.keyPem())));
        }
        return WebClient.create(vertx, options);
    }

    private static HttpResponse<Buffer> par(WebClient client, Map<String, String> headers) throws Exception {
        var request = client.post("/par").putHeader("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(request::putHeader);
        return TestVertx.await(request.sendBuffer(Buffer.buffer(PAR_FORM)));
    }

    @Test
    void browsersAndMutualTlsClientsShareTheTlsListener() throws Exception {
        start(tlsFiles(true));
        WebClient browser = https(null);
        assertThat(TestVertx.await(browser.get("/health/live").send()).statusCode()).isEqualTo(200);
        var discovery = TestVertx.await(browser.get("/.well-known/openid-configuration").send()).bodyAsJsonObject();
        assertThat(discovery.getString("issuer")).startsWith("https://localhost:");
        assertThat(discovery.getJsonArray("token_endpoint_auth_methods_supported").getList())
                .contains("tls_client_auth", "self_signed_tls_client_auth");
        assertThat(discovery.getBoolean("tls_client_certificate_bound_access_tokens")).isTrue();

        assertThat(par(https(tlsBank), Map.of()).statusCode()).isEqualTo(201);
        HttpResponse<Buffer> stranger = par(https(TestPki.selfSigned(DN, TestPki.ecKeys(), Instant.now())), Map.of());
        assertThat(stranger.statusCode()).as("the handshake accepts any certificate; the OP refuses it").isEqualTo(401);
        assertThat(stranger.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
        assertThat(par(browser, Map.of()).statusCode()).isEqualTo(401);
        assertThat(app.urls()).anySatisfy(line -> assertThat(line).startsWith("listening on:").endsWith("(TLS)"))
                .anySatisfy(line -> assertThat(line).isEqualTo("mutual TLS:     client certificates requested"));
    }

    @Test
    void behindATlsProxyTheConfiguredHeaderCarriesTheCertificate() throws Exception {
        start(Map.of("JPKI_GATE_TLS_CLIENT_CERT_HEADER", "X-Client-Cert",
                "JPKI_GATE_TLS_CLIENT_CA_FILE", Files.writeString(dir.resolve("client-ca.pem"), clientCa.caPem()).toString()));
        WebClient proxy = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
        String escaped = URLEncoder.encode(tlsBank.certificatePem(), StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(par(proxy, Map.of("X-Client-Cert", escaped)).statusCode()).isEqualTo(201);
        assertThat(par(proxy, Map.of("Client-Cert", ":" + Base64.getEncoder()
                .encodeToString(tlsBank.certificate().getEncoded()) + ":")).statusCode()).as("another header is not trusted")
                .isEqualTo(401);
    }

    @Test
    void aTlsClientAuthClientWithoutClientCasStopsTheStart() throws Exception {
        Map<String, String> env = tlsFiles(false);
        assertThatThrownBy(() -> start(env)).hasMessageContaining("client tls-bank uses tls_client_auth, but no client CA");
    }
}
