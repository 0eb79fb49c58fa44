package jp.jpkigate.idp.endpoint;

import static jp.jpkigate.idp.testing.LoginFixture.codeOf;
import static jp.jpkigate.idp.testing.LoginFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import jp.jpkigate.idp.login.LoginAcr;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.LoginFixture.Page;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.SsoSteps;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Single sign-on over HTTP: a card login opens a session (its cookie's attributes), a later
 * {@code /authorize} in the same browser goes on without the card, except for identity
 * verification, {@code prompt=login}, {@code max_age}, after the idle timeout or the absolute
 * lifetime (the clock is moved, nothing sleeps); {@code prompt=none} with and without a session; the
 * ID tokens carry the client's {@code sid} and the card's {@code auth_time}. Each test has its own
 * person (a fresh virtual card) and moves the clock only forward.
 */
class SsoFlowTest {
    static final String SESSION_COOKIE = SsoSteps.SESSION_COOKIE;

    @RegisterExtension
    static final LoginFixture op = new LoginFixture();

    static final SsoSteps sso = new SsoSteps(op);

    @Test
    void theSessionCookieIsHostOnlySecureHttpOnlyLaxAndEndsWithTheBrowser() throws Exception {
        Page page = op.authorize(new Scope("openid"));
        op.sign(page.txn(), op.issueCard(), CaKind.AUTHENTICATION);
        String setCookie = LoginFixture.setCookie(op.continueLogin(page), SESSION_COOKIE);
        assertThat(setCookie).matches(SESSION_COOKIE + "=[A-Za-z0-9_-]{43};.*");
        assertThat(setCookie.toLowerCase()).contains("; path=/", "; secure", "; httponly", "; samesite=lax")
                .doesNotContain("max-age", "expires", "domain");
        // nothing is set before the card signed
        assertThat(LoginFixture.setCookie(sso.authorize(new Scope("openid"), null).response(), SESSION_COOKIE)).isNull();
    }

    @Test
    void aSecondAuthorizeWithinTheSessionSkipsTheCardKeepsAuthTimeAndSid() throws Exception {
        Instant signedAt = op.clock.instant();
        SsoSteps.Login first = sso.cardLogin(op.issueCard(), new Scope("openid"));
        JWTClaimsSet firstToken = sso.idToken(first.code(), first.verifier());
        assertThat(firstToken.getStringClaim("sid")).matches("[A-Za-z0-9_-]{43}");

        op.clock.advance(Duration.ofMinutes(5));
        SsoSteps.Attempt again = sso.authorize(new Scope("openid"), first.sessionCookie());
        JWTClaimsSet second = sso.idToken(again.assertAnsweredWithCode(), again.verifier());
        assertThat(second.getSubject()).isEqualTo(firstToken.getSubject());
        assertThat(second.getStringClaim("sid")).isEqualTo(firstToken.getStringClaim("sid"));
        assertThat(second.getLongClaim("auth_time")).as("the card's time, not now").isEqualTo(signedAt.getEpochSecond())
                .isEqualTo(firstToken.getLongClaim("auth_time"));
        assertThat(second.getStringClaim("acr")).isEqualTo(LoginAcr.AUTHENTICATION);
        assertThat(second.getStringListClaim("amr")).containsExactly("sc", "pin");
        // without the cookie, the card again
        sso.authorize(new Scope("openid"), null).assertNeedsTheCard();
    }

    @Test
    void aNewScopeInTheSessionAsksConsentWithoutTheCard() throws Exception {
        SsoSteps.Login first = sso.cardLogin(op.issueCard(), new Scope("openid"));
        SsoSteps.Attempt wider = sso.authorize(new Scope("openid", "profile"), first.sessionCookie());
        assertThat(wider.response().statusCode()).isEqualTo(303);
        String consent = wider.response().getHeader("Location");
        assertThat(consent).matches(OpFixture.ISSUER + "/login/[A-Za-z0-9_-]{43}/consent");
        String txn = consent.substring(consent.indexOf("/login/") + 7, consent.lastIndexOf('/'));
        String loginCookie = LoginFixture.cookieOf(wider.response());
        Page page = new Page(wider.response(), txn, loginCookie, wider.state(), wider.verifier());
        String location = op.decide(page, "approve").getHeader("Location");
        assertThat(sso.idToken(codeOf(location), wider.verifier()).getStringClaim("sid")).isNotNull();
    }

    @Test
    void identityVerificationStillNeedsTheSignatureCertificate() throws Exception {
        SsoSteps.Login first = sso.cardLogin(op.issueCard(), new Scope("openid"));
        sso.authorize(new Scope("openid", "name"), first.sessionCookie()).assertNeedsTheCard();
        sso.authorize(new Scope("openid"), first.sessionCookie(),
                b -> b.claims(claims("{\"id_token\":{\"birthdate\":null}}"))).assertNeedsTheCard();
        sso.authorize(new Scope("openid", "name"), first.sessionCookie(), b -> b.prompt(new Prompt(Prompt.Type.NONE)))
                .assertError("login_required");
        // the session itself still answers plain logins
        sso.authorize(new Scope("openid"), first.sessionCookie()).assertAnsweredWithCode();
    }

    @Test
    void aSignatureCertificateSessionNeverKeepsTheFourInformation() throws Exception {
        Device person = op.issueCard();
        SsoSteps.Login signed = sso.cardLogin(person, new Scope("openid", "name", "address"), CaKind.SIGNATURE, null, null, null);
        for (Response key : TestRedis.call(op.redis, Command.KEYS, "jpkigate:op:sso:*")) {
            String stored = TestRedis.call(op.redis, Command.HGETALL, key.toString()).toString();
            assertThat(stored).doesNotContain("髙橋", "東京都", "Shinjuku", "\"four\"", "name_map");
        }
        // and a new 4-information request from it needs the card again
        sso.authorize(new Scope("openid", "address"), signed.sessionCookie()).assertNeedsTheCard();
        SsoSteps.Attempt plainLogin = sso.authorize(new Scope("openid"), signed.sessionCookie());
        JWTClaimsSet plain = sso.idToken(plainLogin.assertAnsweredWithCode(), plainLogin.verifier());
        assertThat(plain.getStringClaim("acr")).isEqualTo(LoginAcr.SIGNATURE);
        assertThat(plain.getClaim("name")).isNull();
    }

    @Test
    void promptLoginAndMaxAgeForceTheCard() throws Exception {
        SsoSteps.Login first = sso.cardLogin(op.issueCard(), new Scope("openid"));
        sso.authorize(new Scope("openid"), first.sessionCookie(), b -> b.prompt(new Prompt(Prompt.Type.LOGIN))).assertNeedsTheCard();
        sso.authorize(new Scope("openid"), first.sessionCookie(), b -> b.prompt(new Prompt(Prompt.Type.SELECT_ACCOUNT)))
                .assertNeedsTheCard();
        sso.authorize(new Scope("openid"), first.sessionCookie(), b -> b.maxAge(0)).assertNeedsTheCard();
        op.clock.advance(Duration.ofMinutes(2));
        sso.authorize(new Scope("openid"), first.sessionCookie(), b -> b.maxAge(60)).assertNeedsTheCard();
        sso.authorize(new Scope("openid"), first.sessionCookie(), b -> b.maxAge(3600)).assertAnsweredWithCode();
        sso.authorize(new Scope("openid"), first.sessionCookie(), b -> b.acrValues(java.util.List.of(
                new com.nimbusds.openid.connect.sdk.claims.ACR(LoginAcr.SIGNATURE)))).assertNeedsTheCard();
        sso.authorize(new Scope("openid"), first.sessionCookie(), b -> b.acrValues(java.util.List.of(
                new com.nimbusds.openid.connect.sdk.claims.ACR(LoginAcr.AUTHENTICATION)))).assertAnsweredWithCode();
    }

    @Test
    void theSamePersonsCardAgainRenewsTheSessionAnotherPersonsStartsANewOne() throws Exception {
        Device person = op.issueCard();
        SsoSteps.Login first = sso.cardLogin(person, new Scope("openid"));
        String sid = sso.idToken(first.code(), first.verifier()).getStringClaim("sid");
        op.clock.advance(Duration.ofMinutes(3));
        SsoSteps.Login again = sso.cardLogin(person, new Scope("openid"), CaKind.AUTHENTICATION, null, new Prompt(Prompt.Type.LOGIN),
                first.sessionCookie());
        assertThat(again.sessionCookie()).isEqualTo(first.sessionCookie());
        JWTClaimsSet renewed = sso.idToken(again.code(), again.verifier());
        assertThat(renewed.getStringClaim("sid")).isEqualTo(sid);
        assertThat(renewed.getLongClaim("auth_time")).isEqualTo(op.clock.instant().getEpochSecond());

        SsoSteps.Login other = sso.cardLogin(op.issueCard(), new Scope("openid"), CaKind.AUTHENTICATION, null, null, first.sessionCookie());
        assertThat(other.sessionCookie()).isNotEqualTo(first.sessionCookie());
        sso.authorize(new Scope("openid"), first.sessionCookie()).assertNeedsTheCard();
        sso.authorize(new Scope("openid"), other.sessionCookie()).assertAnsweredWithCode();
    }

    @Test
    void theIdleTimeoutSlidesWithUseAndEndsTheSession() throws Exception {
        SsoSteps.Login first = sso.cardLogin(op.issueCard(), new Scope("openid"));
        op.clock.advance(Duration.ofMinutes(20));
        sso.authorize(new Scope("openid"), first.sessionCookie()).assertAnsweredWithCode();
        op.clock.advance(Duration.ofMinutes(20));
        sso.authorize(new Scope("openid"), first.sessionCookie()).assertAnsweredWithCode();
        op.clock.advance(Duration.ofMinutes(30));
        sso.authorize(new Scope("openid"), first.sessionCookie()).assertNeedsTheCard();
        sso.authorize(new Scope("openid"), first.sessionCookie(), b -> b.prompt(new Prompt(Prompt.Type.NONE)))
                .assertError("login_required");
    }

    @Test
    void theAbsoluteLifetimeEndsTheSessionHoweverBusy() throws Exception {
        Instant signedAt = op.clock.instant();
        SsoSteps.Login first = sso.cardLogin(op.issueCard(), new Scope("openid"));
        while (op.clock.instant().isBefore(signedAt.plus(Duration.ofHours(8)).minus(Duration.ofMinutes(25)))) {
            op.clock.advance(Duration.ofMinutes(25));
            sso.authorize(new Scope("openid"), first.sessionCookie()).assertAnsweredWithCode();
        }
        op.clock.set(signedAt.plus(Duration.ofHours(8)));
        sso.authorize(new Scope("openid"), first.sessionCookie()).assertNeedsTheCard();
    }

    @Test
    void promptNoneAnswersFromALiveSessionWithAnApprovalOnly() throws Exception {
        UnaryOperator<AuthenticationRequest.Builder> none = b -> b.prompt(new Prompt(Prompt.Type.NONE));
        sso.authorize(new Scope("openid"), null, none).assertError("login_required");
        sso.authorize(new Scope("openid"), SESSION_COOKIE + "=" + "A".repeat(43), none).assertError("login_required");

        SsoSteps.Login first = sso.cardLogin(op.issueCard(), new Scope("openid"));
        SsoSteps.Attempt silent = sso.authorize(new Scope("openid"), first.sessionCookie(), none);
        assertThat(sso.idToken(silent.assertAnsweredWithCode(), silent.verifier()).getStringClaim("sid")).isNotNull();
        sso.authorize(new Scope("openid", "profile"), first.sessionCookie(), none).assertError("consent_required");
    }

    private static OIDCClaimsRequest claims(String json) {
        try {
            return OIDCClaimsRequest.parse(json);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
