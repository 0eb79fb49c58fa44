package jp.jpkigate.idp.endpoint;

import static jp.jpkigate.idp.testing.MtlsChannel.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PKITLSClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import jp.jpkigate.idp.mtls.CertificateThumbprint;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.MtlsChannel;
import jp.jpkigate.idp.testing.MtlsTlsSetup;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 8705 over real TLS: the OP listens with TLS and requests (not requires) client certificates;
 * {@code tls-bank} authenticates with {@code tls_client_auth} (a certificate of the client CA naming
 * its DN), {@code self-bank} with {@code self_signed_tls_client_auth} (a self-signed certificate of
 * its registered key); both get access tokens bound to their certificate ({@code cnf.x5t#S256}),
 * which userinfo accepts only over a connection with that certificate. The browser steps go without
 * a client certificate. Nimbus does the token and userinfo requests over its own HTTP too.
 */
class MtlsFlowTest {
    private static final Instant NOW = Instant.now();
    private static final String DN = "CN=tls-bank,O=Example Bank,C=JP";
    private static final MtlsTlsSetup TLS = new MtlsTlsSetup(NOW);
    private static final TestPki.Issued TLS_BANK = TLS.clientCa.client(DN);
    private static final KeyPair SELF_KEYS = TestPki.ecKeys();
    private static final TestPki.Issued SELF_BANK = TestPki.selfSigned("CN=self-bank", SELF_KEYS, NOW);

    @RegisterExtension
    static final LoginFixture op = new LoginFixture(TLS.setup(client("tls-bank",
            "\"token_endpoint_auth_method\":\"tls_client_auth\",\"tls_client_auth_subject_dn\":\"" + DN + "\"") + ","
            + client("self-bank", "\"token_endpoint_auth_method\":\"self_signed_tls_client_auth\",\"jwks\":"
            + new JWKSet(new ECKey.Builder(Curve.P_256, (ECPublicKey) SELF_KEYS.getPublic()).build()))));

    private static String client(String id, String members) {
        return "{\"client_id\":\"" + id + "\",\"redirect_uris\":[\"" + OpFixture.BANK_REDIRECT + "\"],"
                + "\"tls_client_certificate_bound_access_tokens\":true," + members + "}";
    }

    private static MtlsChannel channel(TestPki.Issued certificate) {
        return TLS.channel(op, certificate);
    }

    private static String boundTo(String accessToken) throws Exception {
        return (String) SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("cnf").get("x5t#S256");
    }

    @Test
    void tlsClientAuthGetsATokenBoundToItsCertificateThatUserinfoTakesOnlyWithIt() throws Exception {
        MtlsChannel bank = channel(TLS_BANK);
        MtlsChannel.Code code = bank.login(op, "tls-bank");
        HttpResponse<Buffer> token = bank.post("/token", code.tokenRequest());
        assertThat(token.statusCode()).as(token.bodyAsString()).isEqualTo(200);
        JsonObject tokens = token.bodyAsJsonObject();
        assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
        String accessToken = tokens.getString("access_token");
        assertThat(boundTo(accessToken)).isEqualTo(CertificateThumbprint.of(TLS_BANK.certificate()).value());

        assertThat(bank.userinfo(accessToken).statusCode()).isEqualTo(200);
        TestPki.Issued reissued = TLS.clientCa.client(DN);
        for (MtlsChannel other : new MtlsChannel[] {channel(reissued), channel(SELF_BANK), channel(null)}) {
            HttpResponse<Buffer> refused = other.userinfo(accessToken);
            assertError(refused, 401, "invalid_token");
            assertThat(refused.getHeader("WWW-Authenticate")).startsWith("Bearer ").contains("error=\"invalid_token\"");
        }

        // A refresh needs mutual TLS again; with a renewed certificate the new token is bound to it (RFC 8705 section 6.3).
        Map<String, String> refresh = Map.of("grant_type", "refresh_token", "refresh_token", tokens.getString("refresh_token"),
                "client_id", "tls-bank");
        assertError(channel(null).post("/token", refresh), 401, "invalid_client");
        HttpResponse<Buffer> refreshed = channel(reissued).post("/token", refresh);
        assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
        String renewedToken = refreshed.bodyAsJsonObject().getString("access_token");
        assertThat(boundTo(renewedToken)).isEqualTo(CertificateThumbprint.of(reissued.certificate()).value());
        assertThat(channel(reissued).userinfo(renewedToken).statusCode()).isEqualTo(200);
        assertError(bank.userinfo(renewedToken), 401, "invalid_token");
    }

    @Test
    void tlsClientAuthRefusesAnotherSubjectAnUntrustedCaNoCertificateAndAnIgnoredHeader() throws Exception {
        assertThat(channel(TLS_BANK).post("/par", MtlsChannel.parForm("tls-bank")).statusCode()).isEqualTo(201);
        assertError(channel(TLS.clientCa.client("CN=tls-bank2,O=Example Bank,C=JP")).post("/par", MtlsChannel.parForm("tls-bank")), 401,
                "invalid_client");
        assertError(channel(TestPki.create("Client CA", NOW).client(DN)).post("/par", MtlsChannel.parForm("tls-bank")), 401, "invalid_client");
        assertError(channel(null).post("/par", MtlsChannel.parForm("tls-bank")), 401, "invalid_client");
        assertError(channel(TLS_BANK).post("/token", Map.of("grant_type", "authorization_code", "code", "unknown",
                "redirect_uri", OpFixture.BANK_REDIRECT, "code_verifier", "x".repeat(43), "client_id", "self-bank")), 401,
                "invalid_client");
        // The OP terminates TLS itself: a certificate header is not trusted, whoever sends it.
        MtlsChannel forged = new MtlsChannel(channel(null).web(), Map.of("X-Client-Cert",
                URLEncoder.encode(TLS_BANK.certificatePem(), StandardCharsets.UTF_8), "Client-Cert",
                ":" + Base64.getEncoder().encodeToString(TLS_BANK.certificate().getEncoded()) + ":"));
        assertError(forged.post("/par", MtlsChannel.parForm("tls-bank")), 401, "invalid_client");
    }

    @Test
    void selfSignedAuthenticatesByItsRegisteredKeyAndGetsABoundToken() throws Exception {
        assertError(channel(TestPki.selfSigned("CN=self-bank", TestPki.ecKeys(), NOW)).post("/par", MtlsChannel.parForm("self-bank")), 401,
                "invalid_client");
        MtlsChannel self = channel(SELF_BANK);
        HttpResponse<Buffer> token = self.post("/token", self.login(op, "self-bank").tokenRequest());
        assertThat(token.statusCode()).as(token.bodyAsString()).isEqualTo(200);
        String accessToken = token.bodyAsJsonObject().getString("access_token");
        assertThat(boundTo(accessToken)).isEqualTo(CertificateThumbprint.of(SELF_BANK.certificate()).value());
        assertThat(self.userinfo(accessToken).statusCode()).isEqualTo(200);
        assertError(channel(TLS_BANK).userinfo(accessToken), 401, "invalid_token");
    }

    /** One confirmation per token: a certificate-bound client's DPoP proof is refused; introspection shows the binding. */
    @Test
    void aCertificateBoundTokenIsNeverAlsoDpopBoundAndIntrospectsWithItsThumbprint() throws Exception {
        MtlsChannel.Code code = channel(TLS_BANK).login(op, "tls-bank");
        MtlsChannel withProof = new MtlsChannel(channel(TLS_BANK).web(),
                Map.of("DPoP", op.dpopProof("POST", "/token", null, null).serialize()));
        assertError(withProof.post("/token", code.tokenRequest()), 400, "invalid_request");

        MtlsChannel bank = channel(TLS_BANK);
        String accessToken = bank.post("/token", channel(TLS_BANK).login(op, "tls-bank").tokenRequest())
                .bodyAsJsonObject().getString("access_token");
        HttpResponse<Buffer> introspected = bank.post("/introspect", Map.of("token", accessToken, "client_id", "tls-bank"));
        assertThat(introspected.statusCode()).as(introspected.bodyAsString()).isEqualTo(200);
        JsonObject answer = introspected.bodyAsJsonObject();
        assertThat(answer.getBoolean("active")).isTrue();
        assertThat(answer.getString("token_type")).isEqualTo("Bearer");
        assertThat(answer.getJsonObject("cnf").getMap())
                .containsExactly(Map.entry("x5t#S256", CertificateThumbprint.of(TLS_BANK.certificate()).value()));
        assertError(channel(null).post("/revoke", Map.of("token", accessToken, "client_id", "tls-bank")), 401, "invalid_client");
        assertThat(bank.post("/revoke", Map.of("token", accessToken, "client_id", "tls-bank")).statusCode()).isEqualTo(200);
        assertThat(bank.post("/introspect", Map.of("token", accessToken, "client_id", "tls-bank")).bodyAsJsonObject()
                .getBoolean("active")).isFalse();
    }

    @Test
    void discoveryAnnouncesMutualTlsOnTheOneListener() throws Exception {
        JsonObject metadata = op.get("/.well-known/openid-configuration", null).bodyAsJsonObject();
        assertThat(metadata.getJsonArray("token_endpoint_auth_methods_supported").getList())
                .contains("private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth");
        assertThat(metadata.getBoolean("tls_client_certificate_bound_access_tokens")).isTrue();
        assertThat(metadata.containsKey("mtls_endpoint_aliases")).isFalse();
    }

    /** Nimbus's own HTTP, with an SSLSocketFactory carrying the client certificate (only ever on the test thread). */
    @Test
    void nimbusRedeemsTheCodeAndCallsUserinfoOverItsOwnMutualTls() throws Exception {
        MtlsChannel.Code code = channel(TLS_BANK).login(op, "tls-bank");
        URI base = URI.create("https://127.0.0.1:" + op.server.actualPort());
        HTTPRequest tokenRequest = new TokenRequest(base.resolve("/token"),
                new PKITLSClientAuthentication(new ClientID("tls-bank"), TLS.socketFactory(TLS_BANK)),
                new AuthorizationCodeGrant(new AuthorizationCode(code.code()), URI.create(OpFixture.BANK_REDIRECT), code.verifier()))
                .toHTTPRequest();
        TokenResponse response = OIDCTokenResponseParser.parse(tokenRequest.send());
        assertThat(response.indicatesSuccess()).isTrue();
        BearerAccessToken accessToken = response.toSuccessResponse().getTokens().getBearerAccessToken();

        HTTPRequest userinfo = new UserInfoRequest(base.resolve("/userinfo"), accessToken).toHTTPRequest();
        userinfo.setSSLSocketFactory(TLS.socketFactory(TLS_BANK));
        UserInfoResponse claims = UserInfoResponse.parse(userinfo.send());
        assertThat(claims.indicatesSuccess()).isTrue();
        assertThat(claims.toSuccessResponse().getUserInfo().getSubject()).isNotNull();

        HTTPRequest withoutCertificate = new UserInfoRequest(base.resolve("/userinfo"), accessToken).toHTTPRequest();
        withoutCertificate.setSSLSocketFactory(TLS.socketFactory(null));
        HTTPResponse refused = withoutCertificate.send();
        assertThat(refused.getStatusCode()).isEqualTo(401);
        assertThat(UserInfoResponse.parse(refused).toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_token");
    }
}
