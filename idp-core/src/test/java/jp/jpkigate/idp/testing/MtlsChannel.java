package jp.jpkigate.idp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.PKITLSClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;
import jp.jpkigate.testing.TestRedis;
import jp.jpkigate.sim.ca.CaKind;

/**
 * One client's way to the OP in the mutual-TLS tests: a Vert.x web client (over TLS with a client
 * certificate, or without one) and the headers every request carries (a TLS proxy's certificate
 * header). Sends on the test thread and waits; the steps of a login are {@link LoginFixture}'s.
 */
public record MtlsChannel(WebClient web, Map<String, String> headers) {
    /** Without extra headers. */
    public static MtlsChannel of(WebClient web) {
        return new MtlsChannel(web, Map.of());
    }

    /** A form POST to the OP. */
    public HttpResponse<Buffer> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(path, body, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    /** A Nimbus-built request, sent over this channel. */
    public HttpResponse<Buffer> send(HTTPRequest http) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        http.getHeaderMap().forEach((k, v) -> h.put(k, String.join(",", v)));
        return send(http.getURL().getPath(), http.getBody(), h);
    }

    private HttpResponse<Buffer> send(String path, String body, Map<String, String> requestHeaders) throws Exception {
        MultiMap all = MultiMap.caseInsensitiveMultiMap();
        requestHeaders.forEach(all::set);
        headers.forEach(all::set);
        return TestRedis.await(web.post(path).putHeaders(all).sendBuffer(Buffer.buffer(body)));
    }

    /** {@code GET /userinfo} with a Bearer token. */
    public HttpResponse<Buffer> userinfo(String accessToken) throws Exception {
        MultiMap all = MultiMap.caseInsensitiveMultiMap().set("Authorization", "Bearer " + accessToken);
        headers.forEach(all::set);
        return TestRedis.await(web.get("/userinfo").putHeaders(all).send());
    }

    /** A client's login: PAR authenticated by mutual TLS over this channel, the page, the card signs, continue; the code. */
    public Code login(LoginFixture op, String clientId) throws Exception {
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(clientId), URI.create(OpFixture.BANK_REDIRECT))
                .state(state).nonce(new Nonce(LoginFixture.NONCE)).codeChallenge(verifier, CodeChallengeMethod.S256).build();
        HttpResponse<Buffer> pushed = send(new PushedAuthorizationRequest(URI.create(OpFixture.ISSUER + "/par"),
                new PKITLSClientAuthentication(new ClientID(clientId), (SSLSocketFactory) null), request).toHTTPRequest());
        assertThat(pushed.statusCode()).as(pushed.bodyAsString()).isEqualTo(201);
        LoginFixture.Page page = op.open(clientId, pushed.bodyAsJsonObject().getString("request_uri"), state, verifier);
        op.sign(page.txn(), op.card, CaKind.AUTHENTICATION);
        return new Code(clientId, LoginFixture.codeOf(op.continueApproving(page)), verifier);
    }

    /** A PAR form of a client authenticating by mutual TLS (a fixed PKCE challenge). */
    public static Map<String, String> parForm(String clientId) {
        return Map.of("client_id", clientId, "response_type", "code", "scope", "openid", "redirect_uri", OpFixture.BANK_REDIRECT,
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256");
    }

    /** The answer is this OAuth error with this status. */
    public static void assertError(HttpResponse<Buffer> response, int status, String error) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo(error);
    }

    /** A code to redeem, with its client and PKCE verifier. */
    public record Code(String clientId, String code, CodeVerifier verifier) {
        /** The token request's form (mutual TLS: the client_id names the client). */
        public Map<String, String> tokenRequest() {
            return Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", OpFixture.BANK_REDIRECT,
                    "code_verifier", verifier.getValue(), "client_id", clientId);
        }
    }
}
