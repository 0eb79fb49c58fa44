package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.idp.logout.LogoutTokens;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.LogoutReceiver;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.SsoSteps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RP-Initiated Logout and Back-Channel Logout over HTTP: a valid {@code id_token_hint} of the
 * browser's session and a registered {@code post_logout_redirect_uri} end the session and redirect
 * with {@code state}; an unregistered URI, a forged or mistyped hint are error pages that end
 * nothing; without a hint the person confirms with a CSRF-protected POST; the client's back-channel
 * endpoint (a real little HTTP server here) receives a Logout Token that Nimbus verifies against the
 * OP's JWKS; the session's refresh tokens stop working; discovery announces it all.
 */
class LogoutFlowTest {
    static final String LOGGED_OUT = "https://rp.bank.example/logged-out";
    static final LogoutReceiver RECEIVER = LogoutReceiver.start();

    @RegisterExtension
    static final LoginFixture op = new LoginFixture("\"post_logout_redirect_uris\":[\"" + LOGGED_OUT + "\"],"
            + "\"backchannel_logout_uri\":\"" + RECEIVER.uri() + "\",\"backchannel_logout_session_required\":true");

    static final SsoSteps sso = new SsoSteps(op);

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    /** A card login with its session cookie and the tokens of its code. */
    record Session(String cookie, OIDCTokens tokens, JWTClaimsSet idToken) {
        String hint() {
            return tokens.getIDTokenString();
        }
    }

    static Session login() throws Exception {
        SsoSteps.Login login = sso.cardLogin(op.issueCard(), new Scope("openid"));
        com.nimbusds.oauth2.sdk.TokenResponse answer = op.redeem(login.code(), login.verifier());
        OIDCTokens tokens = ((OIDCTokenResponse) answer).getOIDCTokens();
        return new Session(login.sessionCookie(), tokens, tokens.getIDToken().getJWTClaimsSet());
    }

    static HttpResponse<Buffer> logout(String cookie, Map<String, String> params) throws Exception {
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return op.get("/logout" + query, cookie);
    }

    static boolean alive(Session session) throws Exception {
        return sso.authorize(new Scope("openid"), session.cookie()).response().statusCode() == 303;
    }

    static void assertErrorPage(HttpResponse<Buffer> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
        assertThat(answer.getHeader("Location")).isNull();
        assertThat(answer.getHeader("Content-Type")).startsWith("text/html");
        assertThat(answer.bodyAsString()).contains("<code>" + code + "</code>");
    }

    static String cookieValue(HttpResponse<Buffer> response, String name) {
        String set = LoginFixture.setCookie(response, name);
        assertThat(set).as("Set-Cookie " + name).isNotNull();
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void aValidHintAndARegisteredUriEndTheSessionAndRedirectWithState() throws Exception {
        Session session = login();
        HttpResponse<Buffer> answer = logout(session.cookie(), Map.of("id_token_hint", session.hint(),
                "post_logout_redirect_uri", LOGGED_OUT, "state", "st-1 x", "client_id", OpFixture.BANK));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(303);
        assertThat(answer.getHeader("Location")).isEqualTo(LOGGED_OUT + "?state=st-1%20x");
        assertThat(LoginFixture.setCookie(answer, SsoSteps.SESSION_COOKIE).toLowerCase()).contains("max-age=0", "path=/",
                "secure", "httponly");
        assertThat(alive(session)).isFalse();
        // the session's refresh token is revoked (Back-Channel Logout §2.7)
        HttpResponse<Buffer> refreshed = op.sendToken(new TokenRequest(URI.create(OpFixture.ISSUER + "/token"), op.bankAuth(),
                new RefreshTokenGrant(session.tokens().getRefreshToken())));
        assertThat(((TokenErrorResponse) OIDCTokenResponseParser.parse(OpFixture.toNimbus(refreshed))).getErrorObject().getCode())
                .isEqualTo("invalid_grant");
    }

    @Test
    void anExpiredHintStillEndsItsSession() throws Exception {
        Session session = login();
        op.clock.advance(Duration.ofMinutes(30));
        assertThat(session.idToken().getExpirationTime().toInstant()).isBefore(op.clock.instant());
        HttpResponse<Buffer> answer = logout(session.cookie(), Map.of("id_token_hint", session.hint()));
        // the session itself timed out (30 min idle) meanwhile: nothing to end, the page says so
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyAsString()).contains("id=\"logged-out\"");

        Session fresh = login();
        op.clock.advance(Duration.ofMinutes(10));
        HttpResponse<Buffer> ended = logout(fresh.cookie(), Map.of("id_token_hint", fresh.hint(),
                "post_logout_redirect_uri", LOGGED_OUT));
        assertThat(ended.getHeader("Location")).isEqualTo(LOGGED_OUT);
        assertThat(alive(fresh)).isFalse();
    }

    @Test
    void anUnregisteredPostLogoutRedirectUriIsAnErrorPageAndEndsNothing() throws Exception {
        Session session = login();
        assertErrorPage(logout(session.cookie(), Map.of("id_token_hint", session.hint(),
                "post_logout_redirect_uri", "https://evil.example/steal")), 400, "invalid_request");
        assertErrorPage(logout(session.cookie(), Map.of("id_token_hint", session.hint(),
                "post_logout_redirect_uri", LOGGED_OUT + "/")), 400, "invalid_request");
        // a registered URI without a hint or client_id names no client
        assertErrorPage(logout(session.cookie(), Map.of("post_logout_redirect_uri", LOGGED_OUT)), 400, "invalid_request");
        // client_id must be the hint's audience
        assertErrorPage(logout(session.cookie(), Map.of("id_token_hint", session.hint(), "client_id", OpFixture.LEGACY)),
                400, "invalid_request");
        assertThat(alive(session)).isTrue();
    }

    @Test
    void aHintTheOpDidNotIssueAsAnIdTokenIsRefused() throws Exception {
        Session session = login();
        // another key under the OP's key id
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(op.opKeys.currentKeyId()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(impostor.getKeyID())
                .type(JOSEObjectType.JWT).build(), session.idToken());
        forged.sign(new ECDSASigner(impostor));
        // the OP's own key, but typed as an access token
        String mistyped = op.opKeys.sign(session.idToken(), new JOSEObjectType("at+jwt")).serialize();
        for (String hint : new String[] {forged.serialize(), mistyped, session.tokens().getAccessToken().getValue()}) {
            assertErrorPage(logout(session.cookie(), Map.of("id_token_hint", hint, "post_logout_redirect_uri", LOGGED_OUT)),
                    400, "invalid_request");
        }
        assertThat(alive(session)).isTrue();
        // the OP's own, untyped: fine
        String untyped = op.opKeys.sign(session.idToken(), null).serialize();
        assertThat(logout(session.cookie(), Map.of("id_token_hint", untyped)).statusCode()).isEqualTo(200);
        assertThat(alive(session)).isFalse();
    }

    @Test
    void withoutAHintThePersonConfirmsWithACsrfProtectedPost() throws Exception {
        Session session = login();
        HttpResponse<Buffer> page = logout(session.cookie(), Map.of("client_id", OpFixture.BANK,
                "post_logout_redirect_uri", LOGGED_OUT, "state", "s2", "ui_locales", "en ja"));
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.bodyAsString();
        assertThat(html).contains("<html lang=\"en\">", "<form id=\"logout-form\" method=\"post\" action=\"logout/confirm\">",
                "name=\"post_logout_redirect_uri\" value=\"" + LOGGED_OUT + "\"", "name=\"state\" value=\"s2\"",
                "Example Bank", "ログアウトしますか").doesNotContainPattern("<script");
        assertThat(page.getHeader("Content-Security-Policy")).contains("form-action 'self' https://rp.bank.example;",
                "default-src 'none'", "frame-ancestors 'none'");
        assertThat(LoginFixture.setCookie(page, "__Host-jpkigate-logout").toLowerCase())
                .contains("samesite=strict", "httponly", "secure", "path=/", "max-age=600");
        assertThat(alive(session)).as("a GET alone ends nothing").isTrue();

        String csrf = LoginFixture.csrfOf(page);
        String logoutCookie = cookieValue(page, "__Host-jpkigate-logout");
        String body = "csrf=" + csrf + "&client_id=bank&post_logout_redirect_uri="
                + URLEncoder.encode(LOGGED_OUT, StandardCharsets.UTF_8) + "&state=s2";
        assertErrorPage(op.postForm("/logout/confirm", session.cookie(), body), 403, "invalid_csrf_token");
        assertErrorPage(op.postForm("/logout/confirm", session.cookie() + "; " + logoutCookie,
                body.replace(csrf, "A".repeat(43))), 403, "invalid_csrf_token");
        assertErrorPage(op.postForm("/logout/confirm", session.cookie() + "; " + logoutCookie,
                body.replace("post_logout_redirect_uri=", "post_logout_redirect_uri=x")), 400, "invalid_request");
        assertErrorPage(op.postForm("/logout/confirm", session.cookie() + "; " + logoutCookie, "csrf=" + csrf + "&csrf=" + csrf),
                400, "invalid_request");
        assertThat(alive(session)).isTrue();

        HttpResponse<Buffer> done = op.postForm("/logout/confirm", session.cookie() + "; " + logoutCookie, body);
        assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(303);
        assertThat(done.getHeader("Location")).isEqualTo(LOGGED_OUT + "?state=s2");
        assertThat(alive(session)).isFalse();
    }

    @Test
    void aCrossSitePostWithoutTheCookieAsksForConfirmationASameSiteOneEndsAtOnce() throws Exception {
        Session session = login();
        String form = "id_token_hint=" + session.hint() + "&post_logout_redirect_uri="
                + URLEncoder.encode(LOGGED_OUT, StandardCharsets.UTF_8);
        HttpResponse<Buffer> crossSite = op.postForm("/logout", null, form);
        assertThat(crossSite.statusCode()).isEqualTo(200);
        assertThat(crossSite.bodyAsString()).contains("id=\"logout-form\"");
        assertThat(alive(session)).isTrue();
        HttpResponse<Buffer> sameSite = op.postForm("/logout", session.cookie(), form);
        assertThat(sameSite.getHeader("Location")).isEqualTo(LOGGED_OUT);
        assertThat(alive(session)).isFalse();
    }

    @Test
    void withoutASessionThereIsNothingToEnd() throws Exception {
        HttpResponse<Buffer> page = logout(null, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("id=\"logged-out\"", "<html lang=\"ja\">");
        assertThat(page.getHeader("Content-Security-Policy")).contains("form-action 'none'");
        assertThat(logout(null, Map.of("client_id", OpFixture.BANK, "post_logout_redirect_uri", LOGGED_OUT))
                .getHeader("Location")).isEqualTo(LOGGED_OUT);
    }

    @Test
    void theClientsBackChannelEndpointReceivesAVerifiableLogoutToken() throws Exception {
        Session session = login();
        RECEIVER.clear();
        assertThat(logout(session.cookie(), Map.of("id_token_hint", session.hint())).statusCode()).isEqualTo(200);
        String token = RECEIVER.next();
        assertThat(token).as("a logout token arrived").isNotNull();
        assertThat(RECEIVER.nextContentType()).startsWith("application/x-www-form-urlencoded");

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.parse(op.get("/jwks", null).bodyAsString()))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(OpFixture.BANK,
                new JWTClaimsSet.Builder().issuer(OpFixture.ISSUER).build(), Set.of("iat", "exp", "jti", "events", "sid", "sub")));
        JWTClaimsSet claims = processor.process(token, null);
        assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys(LogoutTokens.EVENT);
        assertThat(claims.getJSONObjectClaim("events").get(LogoutTokens.EVENT)).isEqualTo(Map.of());
        assertThat(claims.getStringClaim("sid")).isEqualTo(session.idToken().getStringClaim("sid")).isNotNull();
        assertThat(claims.getSubject()).isEqualTo(session.idToken().getSubject());
        assertThat(claims.getClaim("nonce")).isNull();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isLessThanOrEqualTo(Duration.ofMinutes(2));
        // the same session ends once: no second token
        assertThat(logout(session.cookie(), Map.of("id_token_hint", session.hint())).statusCode()).isEqualTo(200);
    }

    @Test
    void aLoginLeftOnTheConsentPageCannotFinishAfterTheSessionEnded() throws Exception {
        Session session = login();
        SsoSteps.Attempt wider = sso.authorize(new Scope("openid", "profile"), session.cookie());
        String consent = wider.response().getHeader("Location");
        assertThat(consent).endsWith("/consent");
        String txn = consent.substring(consent.indexOf("/login/") + 7, consent.lastIndexOf('/'));
        LoginFixture.Page page = new LoginFixture.Page(wider.response(), txn, LoginFixture.cookieOf(wider.response()),
                wider.state(), wider.verifier());
        assertThat(logout(session.cookie(), Map.of("id_token_hint", session.hint())).statusCode()).isEqualTo(200);
        // someone else at the same computer presses "approve" on the left-over page
        HttpResponse<Buffer> approved = op.decide(page, "approve");
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(LoginFixture.query(approved.getHeader("Location"))).containsEntry("error", "access_denied")
                .doesNotContainKey("code");
    }

    @Test
    void discoveryAnnouncesLogout() throws Exception {
        io.vertx.core.json.JsonObject metadata = op.get("/.well-known/openid-configuration", null).bodyAsJsonObject();
        assertThat(metadata.getString("end_session_endpoint")).isEqualTo(OpFixture.ISSUER + "/logout");
        assertThat(metadata.getBoolean("backchannel_logout_supported")).isTrue();
        assertThat(metadata.getBoolean("backchannel_logout_session_supported")).isTrue();
    }
}
