package jp.jpkigate.idp.endpoint;

import static jp.jpkigate.idp.testing.LoginFixture.codeOf;
import static jp.jpkigate.idp.testing.LoginFixture.consentUrl;
import static jp.jpkigate.idp.testing.LoginFixture.csrfOf;
import static jp.jpkigate.idp.testing.LoginFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.Prompt;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import jp.jpkigate.idp.login.LoginTransaction;
import jp.jpkigate.idp.login.LoginTransactionId;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.CodeChallenge;
import jp.jpkigate.idp.store.redis.RedisLoginTransactionStore;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.LoginFixture.Page;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consent to share with the RP over HTTP: the page after the card's signature the first time per
 * client and scope set, remembered, asked again for more or with {@code prompt=consent}, denied,
 * guarded by the login cookie and the anti-CSRF token, decided once. Each test has its own person
 * (a fresh virtual card), so no approval leaks between tests.
 */
class ConsentFlowTest {
    @RegisterExtension
    static final LoginFixture op = new LoginFixture();

    /** A login of {@code person} up to the card's signature. */
    private static Page signedLogin(Device person, Scope scope, String claims, Prompt prompt, CaKind kind) throws Exception {
        Page page = op.authorize(scope, claims, prompt);
        op.sign(page.txn(), person, kind);
        return page;
    }

    private static Page signedLogin(Device person, Scope scope) throws Exception {
        return signedLogin(person, scope, null, null, CaKind.AUTHENTICATION);
    }

    /** Continue must lead to the consent page. */
    private static void assertAsksConsent(Page page) throws Exception {
        HttpResponse<Buffer> next = op.continueLogin(page);
        assertThat(next.statusCode()).isEqualTo(303);
        assertThat(next.getHeader("Location")).isEqualTo(consentUrl(page));
    }

    /** Continue must lead straight to the client with a code. */
    private static void assertSkipsConsent(Page page) throws Exception {
        HttpResponse<Buffer> next = op.continueLogin(page);
        assertThat(next.statusCode()).isEqualTo(303);
        assertThat(next.getHeader("Location")).startsWith(OpFixture.BANK_REDIRECT + "?code=");
    }

    /** A new person's login awaiting consent, the consent path and the form's token. */
    private record Awaiting(Page page, String path, String csrf) {
        /** A form POST from the browser that opened the login. */
        HttpResponse<Buffer> post(String body) throws Exception {
            return op.postForm(path, page.cookie(), body);
        }
    }

    private static Awaiting awaitingConsent() throws Exception {
        Page page = signedLogin(op.issueCard(), new Scope("openid"));
        assertAsksConsent(page);
        String path = "/login/" + page.txn() + "/consent";
        return new Awaiting(page, path, csrfOf(op.get(path, page.cookie())));
    }

    private static void assertErrorPage(HttpResponse<Buffer> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
        assertThat(answer.getHeader("Location")).isNull();
        assertThat(answer.getHeader("Content-Type")).startsWith("text/html");
        assertThat(answer.bodyAsString()).contains("<code>" + code + "</code>");
    }

    @Test
    void firstLoginShowsTheConsentPageAndApprovingRedirectsWithCodeStateAndIss() throws Exception {
        Page page = signedLogin(op.issueCard(), new Scope("openid", "profile"));
        assertAsksConsent(page);
        // a reload of continue shows the page again
        assertAsksConsent(page);
        assertThat(op.get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status"))
                .isEqualTo("verified");

        HttpResponse<Buffer> consent = op.get("/login/" + page.txn() + "/consent", page.cookie());
        assertThat(consent.statusCode()).isEqualTo(200);
        String html = consent.bodyAsString();
        assertThat(html).contains("<form id=\"consent-form\" method=\"post\" action=\"../../login/" + page.txn() + "/consent\">",
                "<input type=\"hidden\" name=\"csrf\" value=\"" + csrfOf(consent) + "\">",
                "<button id=\"approve\" name=\"decision\" value=\"approve\">",
                "<button id=\"deny\" name=\"decision\" value=\"deny\">",
                "Example Bank", "あなたを識別するID", "An identifier for you", "基本プロフィール", "lang=\"en\"",
                "name=\"viewport\"", "../../static/login.css");
        assertThat(html).doesNotContain("class=\"four-info\"").doesNotContainPattern("<script");
        String csp = consent.getHeader("Content-Security-Policy");
        assertThat(csp).contains("form-action 'self' https://rp.bank.example;", "script-src 'self'", "default-src 'none'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(consent.getHeader("Cache-Control")).isEqualTo("no-store");

        HttpResponse<Buffer> approved = op.postForm("/login/" + page.txn() + "/consent", page.cookie(),
                "csrf=" + csrfOf(consent) + "&decision=approve");
        assertThat(approved.statusCode()).isEqualTo(303);
        Map<String, String> params = query(approved.getHeader("Location"));
        assertThat(approved.getHeader("Location")).startsWith(OpFixture.BANK_REDIRECT + "?code=");
        assertThat(params).containsKey("code").containsEntry("state", page.state().getValue())
                .containsEntry("iss", OpFixture.ISSUER);
        // the login is over
        assertThat(op.get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status"))
                .isEqualTo("completed");
    }

    @Test
    void theSamePersonClientAndScopesSkipConsentNextTimeAndNarrowerScopesToo() throws Exception {
        Device person = op.issueCard();
        codeOf(op.continueApproving(signedLogin(person, new Scope("openid", "profile"))));
        assertSkipsConsent(signedLogin(person, new Scope("openid", "profile")));
        assertSkipsConsent(signedLogin(person, new Scope("openid")));
        // another person is asked
        assertAsksConsent(signedLogin(op.issueCard(), new Scope("openid", "profile")));
    }

    @Test
    void widerScopesAskAgainAndTheApprovalGrowsToCoverBoth() throws Exception {
        Device person = op.issueCard();
        op.continueApproving(signedLogin(person, new Scope("openid")));
        Page wider = signedLogin(person, new Scope("openid", "profile"));
        assertAsksConsent(wider);
        assertThat(query(op.decide(wider, "approve").getHeader("Location"))).containsKey("code");
        assertSkipsConsent(signedLogin(person, new Scope("openid", "profile")));
    }

    @Test
    void promptConsentAsksAgainEvenWhenRemembered() throws Exception {
        Device person = op.issueCard();
        op.continueApproving(signedLogin(person, new Scope("openid")));
        Page forced = signedLogin(person, new Scope("openid"), null, new Prompt(Prompt.Type.CONSENT), CaKind.AUTHENTICATION);
        assertAsksConsent(forced);
        assertThat(query(op.decide(forced, "approve").getHeader("Location"))).containsKey("code");
    }

    @Test
    void denyRedirectsAccessDeniedWithStateAndIssAndRemembersNothing() throws Exception {
        Device person = op.issueCard();
        Page page = signedLogin(person, new Scope("openid", "profile"));
        assertAsksConsent(page);
        HttpResponse<Buffer> denied = op.decide(page, "deny");
        assertThat(denied.statusCode()).isEqualTo(303);
        assertThat(denied.getHeader("Location")).startsWith(OpFixture.BANK_REDIRECT + "?error=access_denied");
        assertThat(query(denied.getHeader("Location"))).containsEntry("state", page.state().getValue())
                .containsEntry("iss", OpFixture.ISSUER).doesNotContainKey("code");
        assertAsksConsent(signedLogin(person, new Scope("openid", "profile")));
    }

    @Test
    void aPostWithoutTheCookieOrAValidTokenIsAnErrorPageNeverARedirect() throws Exception {
        Awaiting a = awaitingConsent();
        String path = a.path();
        String csrf = a.csrf();
        assertErrorPage(op.postForm(path, null, "csrf=" + csrf + "&decision=approve"), 404, "unknown_transaction");
        assertErrorPage(a.post("decision=approve"), 400, "invalid_request");
        assertErrorPage(a.post("csrf=" + "A".repeat(43) + "&decision=approve"), 403, "invalid_csrf_token");
        assertErrorPage(a.post("csrf=" + csrf + "&decision=maybe"), 400, "invalid_request");
        assertErrorPage(a.post("csrf=" + csrf + "&csrf=" + csrf + "&decision=approve"), 400,
                "invalid_request");
        assertErrorPage(a.post("csrf=%ZZ&decision=approve"), 400, "invalid_request");
        assertErrorPage(TestRedis.await(op.web.post(path).putHeader("Cookie", a.page().cookie()).putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("csrf=" + csrf + "&decision=approve"))), 400, "invalid_request");
        assertErrorPage(a.post("csrf=" + csrf + "&decision=approve&pad=" + "x".repeat(4096)), 400,
                "invalid_request");
        // another login's token does not serve this one
        assertErrorPage(a.post("csrf=" + awaitingConsent().csrf() + "&decision=approve"), 403,
                "invalid_csrf_token");
        // the page itself needs the cookie
        assertErrorPage(op.get(path, null), 404, "unknown_transaction");
        // after all that, the person can still decide
        assertThat(a.post("csrf=" + csrf + "&decision=approve").statusCode()).isEqualTo(303);
    }

    @Test
    void theDecisionIsTakenOnceASecondPostIsAnErrorPage() throws Exception {
        Awaiting a = awaitingConsent();
        String csrf = a.csrf();
        assertThat(a.post("csrf=" + csrf + "&decision=approve").statusCode()).isEqualTo(303);
        assertErrorPage(a.post("csrf=" + csrf + "&decision=approve"), 409, "transaction_already_completed");
        assertErrorPage(a.post("csrf=" + csrf + "&decision=deny"), 409, "transaction_already_completed");
        assertErrorPage(op.get(a.path(), a.page().cookie()), 409, "transaction_already_completed");
        assertErrorPage(op.continueLogin(a.page()), 409, "transaction_already_completed");
    }

    @Test
    void theConsentPageIsOnlyForALoginAwaitingConsent() throws Exception {
        Page pending = op.authorize(new Scope("openid"));
        assertErrorPage(op.get("/login/" + pending.txn() + "/consent", pending.cookie()), 409, "consent_not_open");
        assertErrorPage(op.get("/login/not-a-transaction/consent", pending.cookie()), 404, "unknown_transaction");
    }

    @Test
    void fourInformationAreNamedClearlyOnThePage() throws Exception {
        String claims = "{\"id_token\":{\"verified_claims\":{\"verification\":{\"trust_framework\":null},"
                + "\"claims\":{\"birthdate\":null}}}}";
        Page page = signedLogin(op.issueCard(), new Scope("openid", "name", "address"), claims, null, CaKind.SIGNATURE);
        assertAsksConsent(page);
        String html = op.get("/login/" + page.txn() + "/consent", page.cookie()).bodyAsString();
        assertThat(html).contains("マイナンバーカードの基本4情報を提供します", "The 4 information from your My Number card will be shared",
                "氏名", "Name", "住所", "Address", "生年月日", "Date of birth", "本人確認の記録")
                .doesNotContain("性別");
        assertThat(query(op.decide(page, "approve").getHeader("Location"))).containsKey("code");
    }

    @Test
    void aDecisionAfterTheConsentDeadlineIsAccessDenied() throws Exception {
        Awaiting awaiting = awaitingConsent();
        op.clock.advance(Duration.ofMinutes(12));
        try {
            HttpResponse<Buffer> late = op.postForm(awaiting.path(), awaiting.page().cookie(),
                    "csrf=" + awaiting.csrf() + "&decision=approve");
            assertThat(late.statusCode()).isEqualTo(303);
            assertThat(query(late.getHeader("Location"))).containsEntry("error", "access_denied").doesNotContainKey("code");
        } finally {
            op.clock.advance(Duration.ofMinutes(-12));
        }
    }

    @Test
    void promptNoneIsLoginRequiredAtAuthorizeAndConsentRequiredWhenALoginWithoutApprovalContinues() throws Exception {
        // Over /authorize, prompt=none never reaches a login: every JPKI login needs the card.
        HttpResponse<Buffer> pushed = op.send(new com.nimbusds.oauth2.sdk.PushedAuthorizationRequest(
                URI.create(OpFixture.ISSUER + "/par"), op.bankAuth(), new com.nimbusds.openid.connect.sdk.AuthenticationRequest.Builder(
                        com.nimbusds.oauth2.sdk.ResponseType.CODE, new Scope("openid"),
                        new com.nimbusds.oauth2.sdk.id.ClientID(OpFixture.BANK), URI.create(OpFixture.BANK_REDIRECT))
                        .state(new com.nimbusds.oauth2.sdk.id.State("s-none")).prompt(new Prompt(Prompt.Type.NONE))
                        .codeChallenge(new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(),
                                com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256).build()).toHTTPRequest());
        String requestUri = pushed.bodyAsJsonObject().getString("request_uri");
        HttpResponse<Buffer> refused = op.get("/authorize?client_id=bank&request_uri="
                + java.net.URLEncoder.encode(requestUri, StandardCharsets.UTF_8), null);
        assertThat(query(refused.getHeader("Location"))).containsEntry("error", "login_required").containsEntry("state", "s-none");

        // A login transaction with prompt=none (as a future SSO session would continue one): no approval → consent_required.
        Device person = op.issueCard();
        String cookieSecret = LoginTransactionId.generate(new java.security.SecureRandom());
        String txn = seedPromptNoneLogin(cookieSecret);
        op.sign(txn, person, CaKind.AUTHENTICATION);
        Page page = new Page(null, txn, "__Host-jpkigate-login=" + cookieSecret, null, null);
        HttpResponse<Buffer> answer = op.continueLogin(page);
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(query(answer.getHeader("Location"))).containsEntry("error", "consent_required")
                .containsEntry("state", "s-none").containsEntry("iss", OpFixture.ISSUER);

        // with a remembered approval, prompt=none goes straight to the code
        op.continueApproving(signedLogin(person, new Scope("openid")));
        String again = seedPromptNoneLogin(cookieSecret);
        op.sign(again, person, CaKind.AUTHENTICATION);
        assertThat(query(op.continueLogin(new Page(null, again, page.cookie(), null, null)).getHeader("Location")))
                .containsKey("code").containsEntry("state", "s-none");
    }

    /** Stores a PENDING login for {@code bank} with prompt=none, bound to a browser holding {@code cookieSecret}. */
    private static String seedPromptNoneLogin(String cookieSecret) throws Exception {
        java.security.SecureRandom random = new java.security.SecureRandom();
        AuthorizationRequest request = new AuthorizationRequest(OpFixture.BANK, URI.create(OpFixture.BANK_REDIRECT),
                List.of("openid"), new CodeChallenge(LoginTransactionId.generate(random)), Optional.of("s-none"), Optional.empty(),
                Set.of(jp.jpkigate.idp.par.Prompt.NONE), OptionalLong.empty(), List.of(), Optional.empty());
        String binding = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(cookieSecret.getBytes(StandardCharsets.UTF_8)));
        LoginTransaction txn = LoginTransaction.open(LoginTransactionId.generate(random), LoginTransactionId.generate(random),
                binding, request, "Example Bank", op.clock.instant(), Duration.ofMinutes(5));
        TestRedis.await(new RedisLoginTransactionStore(op.redis).create(txn, Duration.ofMinutes(10)));
        return txn.id();
    }
}
