package jp.jpkigate.idp.endpoint;

import static jp.jpkigate.idp.testing.MtlsChannel.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jp.jpkigate.idp.mtls.CertificateThumbprint;
import jp.jpkigate.idp.mtls.MtlsOptions;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.MtlsChannel;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.testing.TestPki;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a TLS proxy: the OP listens on plain HTTP and trusts the configured {@code Client-Cert}
 * header (RFC 9440 byte sequence, or nginx's URL-encoded PEM) for the client certificate. A
 * malformed header is 400 {@code invalid_request}, never a 500.
 */
class MtlsProxyHeaderTest {
    private static final String HEADER = "Client-Cert";
    private static final String DN = "CN=tls-bank,O=Example Bank,C=JP";
    private static final TestPki CLIENT_CA = TestPki.create("Client CA", Instant.now());
    private static final TestPki.Issued TLS_BANK = CLIENT_CA.client(DN);

    @RegisterExtension
    static final LoginFixture op = new LoginFixture(new LoginFixture.Setup("{\"client_id\":\"tls-bank\",\"redirect_uris\":[\""
            + OpFixture.BANK_REDIRECT + "\"],\"token_endpoint_auth_method\":\"tls_client_auth\",\"tls_client_auth_subject_dn\":\""
            + DN + "\",\"tls_client_certificate_bound_access_tokens\":true}",
            config -> config.withMtls(MtlsOptions.proxyHeader(HEADER, List.of(CLIENT_CA.caCertificate()))),
            new HttpServerOptions(), new WebClientOptions()));

    private static MtlsChannel proxied(String value) {
        return new MtlsChannel(op.web, value == null ? Map.of() : Map.of(HEADER, value));
    }

    private static String rfc9440(TestPki.Issued issued) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(issued.certificate().getEncoded()) + ":";
    }

    private static String nginx(TestPki.Issued issued) {
        return URLEncoder.encode(issued.certificatePem(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void bothHeaderFormsAuthenticateAndTheTokenIsBoundToTheForwardedCertificate() throws Exception {
        assertThat(proxied(nginx(TLS_BANK)).post("/par", MtlsChannel.parForm("tls-bank")).statusCode()).isEqualTo(201);
        MtlsChannel bank = proxied(rfc9440(TLS_BANK));
        HttpResponse<Buffer> token = bank.post("/token", bank.login(op, "tls-bank").tokenRequest());
        assertThat(token.statusCode()).as(token.bodyAsString()).isEqualTo(200);
        String accessToken = token.bodyAsJsonObject().getString("access_token");
        assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("cnf"))
                .containsEntry("x5t#S256", CertificateThumbprint.of(TLS_BANK.certificate()).value());
        assertThat(proxied(nginx(TLS_BANK)).userinfo(accessToken).statusCode()).as("either form of the same certificate").isEqualTo(200);
        assertError(proxied(rfc9440(CLIENT_CA.client(DN))).userinfo(accessToken), 401, "invalid_token");
        assertError(proxied(null).userinfo(accessToken), 401, "invalid_token");
    }

    @Test
    void aWrongOrMissingCertificateIsInvalidClient() throws Exception {
        assertError(proxied(rfc9440(CLIENT_CA.client("CN=other,O=Example Bank,C=JP"))).post("/par", MtlsChannel.parForm("tls-bank")), 401, "invalid_client");
        assertError(proxied(null).post("/par", MtlsChannel.parForm("tls-bank")), 401, "invalid_client");
        assertError(proxied("   ").post("/par", MtlsChannel.parForm("tls-bank")), 401, "invalid_client");
    }

    @Test
    void aMalformedHeaderIsInvalidRequestNeverAServerError() throws Exception {
        for (String bad : List.of(":not base64!:", ":" + Base64.getEncoder().encodeToString("junk".getBytes()) + ":",
                "-----BEGIN CERTIFICATE-----%ZZ", "%2D%2D%2D", rfc9440(TLS_BANK).substring(0, 40), "x".repeat(5_000))) {
            assertError(proxied(bad).post("/par", MtlsChannel.parForm("tls-bank")), 400, "invalid_request");
            assertError(proxied(bad).post("/token", Map.of("grant_type", "refresh_token", "refresh_token", "x", "client_id",
                    "tls-bank")), 400, "invalid_request");
            HttpResponse<Buffer> userinfo = proxied(bad).userinfo("whatever");
            assertError(userinfo, 400, "invalid_request");
            assertThat(userinfo.getHeader("WWW-Authenticate")).contains("error=\"invalid_request\"");
        }
        HttpResponse<Buffer> twice = TestRedis.await(op.web.post("/par").putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader(HEADER, List.of(rfc9440(TLS_BANK), rfc9440(TLS_BANK)))
                .sendBuffer(Buffer.buffer("client_id=tls-bank&response_type=code")));
        assertError(twice, 400, "invalid_request");
    }
}
