package jp.jpkigate.idp.endpoint;

import static jp.jpkigate.idp.testing.LoginFixture.PIN;
import static jp.jpkigate.idp.testing.LoginFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.authorize.CodeGrant;
import jp.jpkigate.idp.login.LoginSubmission;
import jp.jpkigate.idp.store.redis.RedisAuthorizationCodeStore;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.LoginFixture.Page;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.cli.SimCli;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The login slice end to end over HTTP: Nimbus pushes the request, {@code /authorize} shows the QR
 * page, a simulator card (directly or through {@code jpki-sim sign --url}) signs, the page's status
 * turns verified and {@code /continue} (through the consent page when the person has not approved
 * yet) redirects with code, state and iss. Real Redis, real virtual cards, a clock the test moves.
 */
class LoginFlowTest {
    @RegisterExtension
    static final LoginFixture op = new LoginFixture();

    private static Page authorize(Scope scope) throws Exception {
        return op.authorize(scope);
    }

    private static HttpResponse<Buffer> get(String path, String cookie) throws Exception {
        return op.get(path, cookie);
    }

    private static HttpResponse<Buffer> post(String txn, JsonObject body) throws Exception {
        return op.postSigner(txn, body);
    }

    private static JsonObject signed(String txn, CaKind certificateKind, CaKind signingKind, boolean tamper) throws Exception {
        return op.signed(txn, op.card, certificateKind, signingKind, tamper);
    }

    @Test
    void parAuthorizeCardSignsStatusVerifiedContinueRedirectsWithCodeStateAndIss() throws Exception {
        Page page = authorize(new Scope("openid", "profile"));
        HttpResponse<Buffer> html = page.response();
        assertThat(html.getHeader("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(html.bodyAsString()).contains("<svg", "<path d=\"M", "Example Bank", "/login/" + page.txn())
                .containsPattern("<script src=\"static/login.js\" defer></script>");
        assertThat(html.bodyAsString()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(get("/static/login.js", null).bodyAsString()).contains("fetch(statusUrl");

        JsonObject challenge = get("/login/" + page.txn(), null).bodyAsJsonObject();
        assertThat(challenge.getString("certificate")).isEqualTo("auth");
        assertThat(new String(Base64.getUrlDecoder().decode(challenge.getString("signed_data")), StandardCharsets.UTF_8))
                .startsWith("jpki-gate-login-v1\nissuer=" + OpFixture.ISSUER + "\ntxn=" + page.txn() + "\nchallenge=")
                .contains("\nclient=bank\nexpires=");
        assertThat(get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status")).isEqualTo("pending");
        assertThat(get("/login/" + page.txn() + "/status", null).statusCode()).isEqualTo(404);

        JsonObject body = signed(page.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, false);
        HttpResponse<Buffer> posted = post(page.txn(), body);
        assertThat(posted.bodyAsJsonObject().getString("status")).as(posted.bodyAsString()).isEqualTo("verified");
        assertThat(get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status")).isEqualTo("verified");

        // someone else's browser (no cookie) cannot continue
        assertThat(get("/login/" + page.txn() + "/continue", null).statusCode()).isEqualTo(404);
        String location = op.continueApproving(page);
        assertThat(location).startsWith(OpFixture.BANK_REDIRECT + "?code=");
        Map<String, String> params = query(location);
        assertThat(params).containsEntry("state", page.state().getValue()).containsEntry("iss", OpFixture.ISSUER);

        Optional<CodeGrant> grant = TestRedis.await(new RedisAuthorizationCodeStore(op.redis).consume(params.get("code")));
        assertThat(grant).isPresent();
        assertThat(grant.get().amr()).containsExactly("sc", "pin");
        assertThat(grant.get().acr()).isEqualTo("urn:jpkigate:acr:jpki-auth");
        assertThat(grant.get().nonce()).contains("n-0S6_WzA2Mj");
        assertThat(grant.get().signer().fourInformation()).isEmpty();

        // reused transaction: second post 409, second continue an error page
        assertThat(get("/login/" + page.txn(), null).statusCode()).isEqualTo(409);
        assertThat(post(page.txn(), body).statusCode()).isEqualTo(409);
        assertThat(post(page.txn(), new JsonObject().put("certificate", "AAAA").put("signature", "AAAA")).statusCode()).isEqualTo(409);
        HttpResponse<Buffer> second = get("/login/" + page.txn() + "/continue", page.cookie());
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.bodyAsString()).contains("already been used");
    }

    @Test
    void fourInformationNeedsTheSignatureCertificateAndAnAuthCertificateIsWrongType() throws Exception {
        Page page = authorize(new Scope("openid", "name"));
        assertThat(get("/login/" + page.txn(), null).bodyAsJsonObject().getString("certificate")).isEqualTo("sign");
        JsonObject outcome = post(page.txn(), signed(page.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, false)).bodyAsJsonObject();
        assertThat(outcome.getString("status")).isEqualTo("failed");
        assertThat(outcome.getString("error")).isEqualTo("wrong_certificate_type");
        JsonObject status = get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject();
        assertThat(status.getString("status")).isEqualTo("failed");
        assertThat(status.getString("message_en")).contains("signature certificate");
        Map<String, String> params = query(get("/login/" + page.txn() + "/continue", page.cookie()).getHeader("Location"));
        assertThat(params).containsEntry("error", "access_denied").containsEntry("iss", OpFixture.ISSUER)
                .containsEntry("state", page.state().getValue());
        assertThat(params.get("error_description")).contains("wrong_certificate_type");
    }

    @Test
    void signatureCertificateLoginCarriesTheFourInformationIntoTheCode() throws Exception {
        Page page = authorize(new Scope("openid", "name", "address"));
        JsonObject outcome = post(page.txn(), signed(page.txn(), CaKind.SIGNATURE, CaKind.SIGNATURE, false)).bodyAsJsonObject();
        assertThat(outcome.getString("status")).as(outcome.encode()).isEqualTo("verified");
        String code = LoginFixture.codeOf(op.continueApproving(page));
        CodeGrant grant = TestRedis.await(new RedisAuthorizationCodeStore(op.redis).consume(code)).orElseThrow();
        assertThat(grant.acr()).isEqualTo("urn:jpkigate:acr:jpki-sign");
        assertThat(grant.signer().fourInformation()).isPresent();
        assertThat(grant.signer().fourInformation().get().address()).contains("新宿区");
    }

    @Test
    void badSignatureFailsWithSignatureMismatch() throws Exception {
        Page page = authorize(new Scope("openid"));
        JsonObject outcome = post(page.txn(), signed(page.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, true)).bodyAsJsonObject();
        assertThat(outcome.getString("error")).isEqualTo("signature_mismatch");
        assertThat(query(get("/login/" + page.txn() + "/continue", page.cookie()).getHeader("Location")).get("error_description"))
                .contains("signature_mismatch");
    }

    @Test
    void aSignatureMadeForAnotherTransactionIsRefusedAndTheTransactionTakesNoSecondTry() throws Exception {
        Page mine = authorize(new Scope("openid"));
        Page other = authorize(new Scope("openid"));
        JsonObject right = signed(mine.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, false);
        // A valid signature over the other transaction's bytes (its txn id and challenge) posted here.
        JsonObject outcome = post(mine.txn(), signed(other.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, false))
                .bodyAsJsonObject();
        assertThat(outcome.getString("error")).isEqualTo("signature_mismatch");
        // One signature attempt per transaction: the right signature afterwards is too late.
        HttpResponse<Buffer> retry = post(mine.txn(), right);
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(get("/login/" + mine.txn() + "/status", mine.cookie()).bodyAsJsonObject().getString("status"))
                .isEqualTo("failed");
    }

    @Test
    void expiredTransactionIsRefusedToTheSignerAndDeniedToTheClient() throws Exception {
        Page page = authorize(new Scope("openid"));
        JsonObject body = signed(page.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, false);
        op.clock.advance(Duration.ofMinutes(6));
        try {
            HttpResponse<Buffer> late = post(page.txn(), body);
            assertThat(late.statusCode()).isEqualTo(404);
            assertThat(late.bodyAsJsonObject().getString("error")).isEqualTo("expired_transaction");
            assertThat(get("/login/" + page.txn(), null).statusCode()).isEqualTo(404);
            assertThat(get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status")).isEqualTo("expired");
            Map<String, String> params = query(get("/login/" + page.txn() + "/continue", page.cookie()).getHeader("Location"));
            assertThat(params).containsEntry("error", "access_denied");
            assertThat(params.get("error_description")).contains("expired");
        } finally {
            op.clock.advance(Duration.ofMinutes(-6));
        }
    }

    @Test
    void unknownRequestUriIsAnErrorPageNotARedirect() throws Exception {
        HttpResponse<Buffer> page = get("/authorize?client_id=bank&request_uri="
                + URLEncoder.encode("urn:ietf:params:oauth:request_uri:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", StandardCharsets.UTF_8), null);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.getHeader("Location")).isNull();
        assertThat(page.getHeader("Content-Security-Policy")).isNotNull();
        assertThat(page.bodyAsString()).contains("invalid_request_uri");
        // an unknown client: a page too
        assertThat(get("/authorize?client_id=nobody&redirect_uri=https://evil.example/cb", null).statusCode()).isEqualTo(400);
    }

    @Test
    void parRequiredClientSendingPlainParametersIsRedirectedAnError() throws Exception {
        HttpResponse<Buffer> answer = get("/authorize?client_id=bank&response_type=code&scope=openid&state=xyz"
                + "&redirect_uri=" + URLEncoder.encode(OpFixture.BANK_REDIRECT, StandardCharsets.UTF_8)
                + "&code_challenge=" + new CodeVerifier().getValue().substring(0, 43) + "&code_challenge_method=S256", null);
        assertThat(answer.statusCode()).isEqualTo(303);
        Map<String, String> params = query(answer.getHeader("Location"));
        assertThat(params).containsEntry("error", "invalid_request").containsEntry("state", "xyz").containsEntry("iss", OpFixture.ISSUER);
        assertThat(params.get("error_description")).contains("pushed authorization requests");
        // with an unregistered redirect URI: a page
        assertThat(get("/authorize?client_id=bank&response_type=code&redirect_uri=https://evil.example/cb", null).statusCode()).isEqualTo(400);
    }

    @Test
    void plainParametersForANonParClientAndTheCliSignsThroughTheSignerUrl() throws Exception {
        String verifier = new CodeVerifier().getValue();
        String challenge = com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue();
        HttpResponse<Buffer> page = get("/authorize?client_id=legacy&response_type=code&scope=openid&state=s1"
                + "&redirect_uri=" + URLEncoder.encode("http://localhost:8080/cb", StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256", null);
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        String txn = LoginFixture.transactionOf(page);
        String cookie = LoginFixture.cookieOf(page);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimCli(op.clock, new SecureRandom(), new ByteArrayInputStream(new byte[0]), Map.of()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("--state", op.simDir.toString(), "sign", "--card", op.card.id(), "--pin", PIN,
                "--url", "http://127.0.0.1:" + op.server.actualPort() + "/login/" + txn);
        assertThat(exit).as(out + " / " + err).isZero();
        assertThat(out.toString()).contains("login verified (AUTH_CARD)");
        assertThat(out.toString() + err).doesNotContain(PIN);

        Map<String, String> params = query(op.continueApproving(new Page(page, txn, cookie, null, null)));
        assertThat(params).containsKey("code").containsEntry("state", "s1").containsEntry("iss", OpFixture.ISSUER);

        // the CLI again on the used transaction: conflict
        int again = cli.execute("--state", op.simDir.toString(), "sign", "--card", op.card.id(), "--pin", PIN,
                "--url", "http://127.0.0.1:" + op.server.actualPort() + "/login/" + txn);
        assertThat(again).isEqualTo(jp.jpkigate.sim.cli.ExitCodes.CONFLICT);
    }

    @Test
    void malformedSignerRequestsAreClientErrors() throws Exception {
        Page page = authorize(new Scope("openid"));
        assertThat(TestRedis.await(op.web.post("/login/" + page.txn()).putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("x"))).statusCode()).isEqualTo(415);
        assertThat(TestRedis.await(op.web.post("/login/" + page.txn()).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"certificate\": 5}"))).statusCode()).isEqualTo(400);
        HttpResponse<Buffer> huge = TestRedis.await(op.web.post("/login/" + page.txn()).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"certificate\": \"" + "A".repeat(LoginSubmission.MAX_BODY_BYTES) + "\"}")));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.bodyAsJsonObject().getString("error")).isNotEmpty();
        HttpResponse<Buffer> deep = TestRedis.await(op.web.post("/login/" + page.txn()).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"certificate\": " + "[".repeat(5000) + "]".repeat(5000) + "}")));
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(get("/login/not-a-transaction", null).statusCode()).isEqualTo(404);
        assertThat(get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status")).isEqualTo("pending");
    }
}
