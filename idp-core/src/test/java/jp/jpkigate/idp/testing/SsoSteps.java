package jp.jpkigate.idp.testing;

import static jp.jpkigate.idp.testing.LoginFixture.codeOf;
import static jp.jpkigate.idp.testing.LoginFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.UnaryOperator;
import jp.jpkigate.idp.testing.LoginFixture.Page;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.registry.Device;

/**
 * The browser's steps with single sign-on, on a {@link LoginFixture}: a card login that opens the
 * session (its cookie), an {@code /authorize} with the session cookie, redeeming a code for its ID
 * token.
 */
public final class SsoSteps {
    /** The session cookie's name on the fixture's https issuer. */
    public static final String SESSION_COOKIE = "__Host-jpkigate-session";

    private final LoginFixture op;

    public SsoSteps(LoginFixture op) {
        this.op = op;
    }

    /** A finished login: where the browser went, the session cookie it holds, the verifier of the code. */
    public record Login(String location, String sessionCookie, CodeVerifier verifier) {
        public String code() {
            return codeOf(location);
        }
    }

    /** The card of {@code person} signs a login for {@code scope} (approving consent); the session cookie from continue. */
    public Login cardLogin(Device person, Scope scope, CaKind kind, String claims, Prompt prompt, String sessionCookie)
            throws Exception {
        Page page = op.authorize(scope, claims, prompt);
        op.sign(page.txn(), person, kind);
        HttpResponse<Buffer> next = op.get("/login/" + page.txn() + "/continue",
                page.cookie() + (sessionCookie == null ? "" : "; " + sessionCookie));
        assertThat(next.statusCode()).as(next.bodyAsString()).isEqualTo(303);
        String setCookie = LoginFixture.setCookie(next, SESSION_COOKIE);
        assertThat(setCookie).as("the continue opens the session").isNotNull();
        String location = next.getHeader("Location");
        if (location.equals(LoginFixture.consentUrl(page))) {
            location = op.decide(page, "approve").getHeader("Location");
        }
        return new Login(location, setCookie.substring(0, setCookie.indexOf(';')), page.verifier());
    }

    public Login cardLogin(Device person, Scope scope) throws Exception {
        return cardLogin(person, scope, CaKind.AUTHENTICATION, null, null, null);
    }

    /** {@code bank} pushes a request ({@code shape} adds prompt, max_age, claims …) and the browser opens it with {@code cookies}. */
    public Attempt authorize(Scope scope, String cookies, UnaryOperator<AuthenticationRequest.Builder> shape) throws Exception {
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        String requestUri = op.push(shape.apply(LoginFixture.request(scope, state, verifier)).build());
        return new Attempt(op.openWith(requestUri, cookies), state, verifier);
    }

    public Attempt authorize(Scope scope, String cookies) throws Exception {
        return authorize(scope, cookies, b -> b);
    }

    /** An {@code /authorize} answer. */
    public record Attempt(HttpResponse<Buffer> response, State state, CodeVerifier verifier) {
        /** The card's login page: the session did not stand in. */
        public void assertNeedsTheCard() {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            assertThat(response.bodyAsString()).contains("data-status-url");
        }

        /** Straight to the client with a code, state and iss: the session stood in for the card. */
        public String assertAnsweredWithCode() {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(303);
            String location = response.getHeader("Location");
            assertThat(location).startsWith(OpFixture.BANK_REDIRECT + "?code=");
            assertThat(query(location)).containsEntry("state", state.getValue()).containsEntry("iss", OpFixture.ISSUER);
            return query(location).get("code");
        }

        /** An error redirected to the client. */
        public void assertError(String error) {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(303);
            assertThat(query(response.getHeader("Location"))).containsEntry("error", error)
                    .containsEntry("state", state.getValue()).doesNotContainKey("code");
        }
    }

    public JWTClaimsSet idToken(String code, CodeVerifier verifier) throws Exception {
        com.nimbusds.oauth2.sdk.TokenResponse answer = op.redeem(code, verifier);
        assertThat(answer.indicatesSuccess()).as(answer.toString()).isTrue();
        return SignedJWT.parse(((OIDCTokenResponse) answer).getOIDCTokens().getIDTokenString()).getJWTClaimsSet();
    }
}
