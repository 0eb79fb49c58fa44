package jp.jpkigate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TLS and mutual-TLS settings: {@code http.tls.*} and {@code JPKI_GATE_TLS_*}. */
class TlsConfigTest {
    private static ConfigException mistakes(String json, Map<String, String> env) {
        return (ConfigException) catchThrowable(() -> ConfigLoader.parse(json, env));
    }

    @Test
    void theGatewayTerminatesTlsWithACertificateAndKeyAndRequestsClientCertificates() throws Exception {
        GatewayConfig config = ConfigLoader.parse(null, Map.of("JPKI_GATE_TLS_CERT_FILE", "/etc/tls/tls.crt",
                "JPKI_GATE_TLS_KEY_FILE", "/etc/tls/tls.key", "JPKI_GATE_TLS_CLIENT_CA_FILE", "/etc/tls/client-ca.pem"));
        GatewayConfig.Tls tls = config.http().tls();
        assertThat(tls).isEqualTo(new GatewayConfig.Tls(Path.of("/etc/tls/tls.crt"), Path.of("/etc/tls/tls.key"),
                Path.of("/etc/tls/client-ca.pem"), null));
        assertThat(tls.terminates()).isTrue();
        assertThat(tls.clientCertificates()).isTrue();
        assertThat(config.http().publicBaseUrl()).as("the default issuer follows the listener").isEqualTo("https://localhost:8080");
        assertThat(config.describe()).contains("tls:               on (/etc/tls/tls.crt), client certificates requested, client CAs");
        assertThat(ConfigLoader.parse(null, Map.of()).http().tls()).isEqualTo(GatewayConfig.Tls.NONE);
        assertThat(ConfigLoader.parse(null, Map.of()).describe()).contains("tls:               off, no client certificates");
    }

    @Test
    void behindATlsProxyOnlyTheConfiguredHeaderIsTrusted() throws Exception {
        GatewayConfig config = ConfigLoader.parse("{\"http\": {\"tls\": {\"clientCertHeader\": \"X-Client-Cert\","
                + " \"clientCaFile\": \"/etc/tls/client-ca.pem\"}}}", Map.of());
        assertThat(config.http().tls().terminates()).isFalse();
        assertThat(config.http().tls().clientCertificates()).isTrue();
        assertThat(config.http().publicBaseUrl()).isEqualTo("http://localhost:8080");
        assertThat(config.describe()).contains("client certificates from the X-Client-Cert header (trusted proxy)");
        assertThat(ConfigLoader.parse(null, Map.of("JPKI_GATE_TLS_CLIENT_CERT_HEADER", "Client-Cert")).http().tls().clientCertHeader())
                .isEqualTo("Client-Cert");
    }

    @Test
    void mistakesAreListedTogether() {
        assertThat(mistakes(null, Map.of("JPKI_GATE_TLS_CERT_FILE", "/etc/tls/tls.crt", "JPKI_GATE_TLS_CLIENT_CERT_HEADER",
                "Authorization")).mistakes()).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).isEqualTo("http.tls: certFile and keyFile go together"),
                m -> assertThat(m).startsWith("http.tls.clientCertHeader: must be a header name of its own")
                        .endsWith("(from JPKI_GATE_TLS_CLIENT_CERT_HEADER)"));
        assertThat(mistakes("{\"http\": {\"tls\": {\"clientCertHeader\": \"X Client\", \"verify\": true}}}", Map.of())
                .mistakes()).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith("http.tls.clientCertHeader: must be a header name"),
                m -> assertThat(m).isEqualTo("http.tls.verify: unknown key"));
        assertThat(mistakes(null, Map.of("JPKI_GATE_TLS_CLIENT_CA_FILE", "/ca.pem")).mistakes()).singleElement()
                .satisfies(m -> assertThat(m).startsWith("http.tls.clientCaFile: needs client certificates"));
        assertThatThrownBy(() -> ConfigLoader.parse("{\"http\": {\"tls\": \"on\"}}", Map.of()))
                .hasMessageContaining("http.tls: must be a JSON object");
    }
}
