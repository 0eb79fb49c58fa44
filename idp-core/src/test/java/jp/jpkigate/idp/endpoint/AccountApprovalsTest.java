package jp.jpkigate.idp.endpoint;

import static jp.jpkigate.idp.testing.LoginFixture.codeOf;
import static jp.jpkigate.idp.testing.LoginFixture.consentUrl;
import static jp.jpkigate.idp.testing.LoginFixture.csrfOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Duration;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.LoginFixture.Page;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.registry.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The person's account page over HTTP: an authentication-certificate login of the OP itself (QR
 * page, signer API), the account session cookie, the list of approvals and their revocation — after
 * which the next login to the client asks again and the client's refresh tokens stop working.
 */
class AccountApprovalsTest {
    private static final String PAGE = "/account/approvals";

    @RegisterExtension
    static final LoginFixture op = new LoginFixture();

    /** {@code person} logs in to the account page; the account cookie as a Cookie header value. */
    private static String accountLogin(Device person) throws Exception {
        HttpResponse<Buffer> login = op.get(PAGE, null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.bodyAsString()).contains("data-status-url=\"../login/", "data-continue-url=\"login/",
                "JPKI Gate", "<svg", "../static/login.css");
        String txn = LoginFixture.transactionOf(login);
        String loginCookie = LoginFixture.cookieOf(login);
        assertThat(op.get("/login/" + txn, null).bodyAsJsonObject().getString("certificate")).isEqualTo("auth");
        op.sign(txn, person, CaKind.AUTHENTICATION);
        HttpResponse<Buffer> signedIn = op.get("/account/login/" + txn + "/continue", loginCookie);
        assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(303);
        assertThat(signedIn.getHeader("Location")).isEqualTo(OpFixture.ISSUER + PAGE);
        String setCookie = signedIn.cookies().get(0);
        assertThat(setCookie).startsWith("__Secure-jpkigate-account=").contains("Path=/account", "Secure",
                "SameSite=Strict", "Max-Age=600").containsIgnoringCase("HttpOnly");
        // the account login is used up
        assertThat(op.get("/account/login/" + txn + "/continue", loginCookie).statusCode()).isEqualTo(409);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** {@code person} logs in to bank, approving when asked; the redirect to bank. */
    private static String bankLogin(Device person, Scope scope) throws Exception {
        Page page = op.authorize(scope);
        op.sign(page.txn(), person, CaKind.AUTHENTICATION);
        return op.continueApproving(page);
    }

    private static TokenResponse token(AuthorizationGrant grant) throws Exception {
        return OIDCTokenResponseParser.parse(OpFixture.toNimbus(op.sendToken(
                new TokenRequest(URI.create(OpFixture.ISSUER + "/token"), op.bankAuth(), grant))));
    }

    @Test
    void anAccountLoginAskedForTheConsentsReturnsThereAndNowhereElse() throws Exception {
        HttpResponse<Buffer> login = op.get(PAGE + "?next=consents", null);
        String txn = LoginFixture.transactionOf(login);
        assertThat(login.bodyAsString()).contains("data-continue-url=\"login/" + txn + "/continue?next=consents\"");
        op.sign(txn, op.issueCard(), CaKind.AUTHENTICATION);
        HttpResponse<Buffer> signedIn = op.get("/account/login/" + txn + "/continue?next=consents", LoginFixture.cookieOf(login));
        assertThat(signedIn.getHeader("Location")).isEqualTo(OpFixture.ISSUER + "/account/consents");
        assertThat(op.get(PAGE, LoginFixture.cookieOf(signedIn)).bodyAsString()).contains("id=\"to-consents\" href=\"consents\"");

        HttpResponse<Buffer> elsewhere = op.get(PAGE + "?next=https://evil.example/", null);
        String other = LoginFixture.transactionOf(elsewhere);
        assertThat(elsewhere.bodyAsString()).contains("data-continue-url=\"login/" + other + "/continue\"");
        op.sign(other, op.issueCard(), CaKind.AUTHENTICATION);
        assertThat(op.get("/account/login/" + other + "/continue?next=https://evil.example/", LoginFixture.cookieOf(elsewhere))
                .getHeader("Location")).isEqualTo(OpFixture.ISSUER + PAGE);
    }

    @Test
    void theAccountPageListsApprovalsAndRevokingOneAsksAgainAndStopsTheRefreshTokens() throws Exception {
        Device person = op.issueCard();
        Page first = op.authorize(new Scope("openid", "profile"));
        op.sign(first.txn(), person, CaKind.AUTHENTICATION);
        String code = codeOf(op.continueApproving(first));
        OIDCTokenResponse tokens = (OIDCTokenResponse) token(new AuthorizationCodeGrant(new AuthorizationCode(code),
                URI.create(OpFixture.BANK_REDIRECT), first.verifier())).toSuccessResponse();
        RefreshToken refresh = tokens.getOIDCTokens().getRefreshToken();
        TokenResponse refreshed = token(new RefreshTokenGrant(refresh));
        assertThat(refreshed.indicatesSuccess()).isTrue();
        refresh = ((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens().getRefreshToken();

        String account = accountLogin(person);
        HttpResponse<Buffer> list = op.get(PAGE, account);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.getHeader("Content-Security-Policy")).contains("form-action 'self';").doesNotContain("unsafe-inline");
        assertThat(list.bodyAsString()).contains("data-client-id=\"bank\"", "<h2>Example Bank</h2>", "同意した日時",
                "Approved at", "基本プロフィール", "<form class=\"revoke\" method=\"post\" action=\"approvals/revoke\">",
                "<input type=\"hidden\" name=\"client_id\" value=\"bank\">");

        HttpResponse<Buffer> revoked = op.postForm(PAGE + "/revoke", account, "csrf=" + csrfOf(list) + "&client_id=bank");
        assertThat(revoked.statusCode()).as(revoked.bodyAsString()).isEqualTo(303);
        assertThat(revoked.getHeader("Location")).isEqualTo(OpFixture.ISSUER + PAGE);
        assertThat(op.get(PAGE, account).bodyAsString()).contains("id=\"no-approvals\"").doesNotContain("data-client-id");

        TokenResponse afterRevoke = token(new RefreshTokenGrant(refresh));
        assertThat(afterRevoke.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) afterRevoke).getErrorObject().getCode()).isEqualTo("invalid_grant");

        op.clock.advance(Duration.ofSeconds(1)); // the clock stands still otherwise: the next login comes later
        Page again = op.authorize(new Scope("openid", "profile"));
        op.sign(again.txn(), person, CaKind.AUTHENTICATION);
        assertThat(op.continueLogin(again).getHeader("Location")).isEqualTo(consentUrl(again));
        // a new approval's tokens refresh again
        String newCode = codeOf(op.decide(again, "approve").getHeader("Location"));
        OIDCTokenResponse fresh = (OIDCTokenResponse) token(new AuthorizationCodeGrant(new AuthorizationCode(newCode),
                URI.create(OpFixture.BANK_REDIRECT), again.verifier())).toSuccessResponse();
        assertThat(token(new RefreshTokenGrant(fresh.getOIDCTokens().getRefreshToken())).indicatesSuccess()).isTrue();
    }

    @Test
    void anotherPersonSeesOnlyTheirOwnApprovals() throws Exception {
        Device approver = op.issueCard();
        bankLogin(approver, new Scope("openid"));
        String account = accountLogin(op.issueCard());
        assertThat(op.get(PAGE, account).bodyAsString()).contains("id=\"no-approvals\"");
        assertThat(op.get(PAGE, accountLogin(approver)).bodyAsString()).contains("data-client-id=\"bank\"");
    }

    @Test
    void aRevokeWithoutTheSessionOrWithABadTokenIsAnErrorPage() throws Exception {
        Device person = op.issueCard();
        bankLogin(person, new Scope("openid"));
        String account = accountLogin(person);
        String csrf = csrfOf(op.get(PAGE, account));
        HttpResponse<Buffer> noSession = op.postForm(PAGE + "/revoke", null, "csrf=" + csrf + "&client_id=bank");
        assertThat(noSession.statusCode()).isEqualTo(403);
        assertThat(noSession.bodyAsString()).contains("account_session_expired");
        assertThat(noSession.getHeader("Location")).isNull();
        HttpResponse<Buffer> badToken = op.postForm(PAGE + "/revoke", account, "csrf=" + "B".repeat(43) + "&client_id=bank");
        assertThat(badToken.statusCode()).isEqualTo(403);
        assertThat(badToken.bodyAsString()).contains("invalid_csrf_token");
        assertThat(op.postForm(PAGE + "/revoke", account, "csrf=" + csrf).statusCode()).isEqualTo(400);
        assertThat(op.postForm(PAGE + "/revoke", account, "csrf=" + csrf + "&client_id=%00").statusCode()).isEqualTo(400);
        // nothing was revoked
        assertThat(op.get(PAGE, account).bodyAsString()).contains("data-client-id=\"bank\"");
    }

    @Test
    void theSessionLastsTenMinutesThenThePageAsksForTheCardAgain() throws Exception {
        String account = accountLogin(op.issueCard());
        op.clock.advance(Duration.ofMinutes(10));
        try {
            HttpResponse<Buffer> later = op.get(PAGE, account);
            assertThat(later.statusCode()).isEqualTo(200);
            assertThat(later.bodyAsString()).contains("data-status-url=\"../login/").doesNotContain("no-approvals");
        } finally {
            op.clock.advance(Duration.ofMinutes(-10));
        }
    }

    @Test
    void accountAndClientLoginsCannotBeSwapped() throws Exception {
        Device person = op.issueCard();
        // a client's login cannot open an account session
        Page client = op.authorize(new Scope("openid"));
        op.sign(client.txn(), person, CaKind.AUTHENTICATION);
        assertThat(op.get("/account/login/" + client.txn() + "/continue", client.cookie()).statusCode()).isEqualTo(404);
        // an account login never yields a code
        HttpResponse<Buffer> login = op.get(PAGE, null);
        String txn = LoginFixture.transactionOf(login);
        op.sign(txn, person, CaKind.AUTHENTICATION);
        HttpResponse<Buffer> cont = op.get("/login/" + txn + "/continue", LoginFixture.cookieOf(login));
        assertThat(cont.statusCode()).isEqualTo(404);
        assertThat(cont.getHeader("Location")).isNull();
        // before the card signs, continuing the account login says so
        HttpResponse<Buffer> pending = op.get(PAGE, null);
        assertThat(op.get("/account/login/" + LoginFixture.transactionOf(pending) + "/continue",
                LoginFixture.cookieOf(pending)).statusCode()).isEqualTo(409);
    }
}
