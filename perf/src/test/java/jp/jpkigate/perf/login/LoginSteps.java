package jp.jpkigate.perf.login;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.exec.Executable;

/**
 * The steps of one JPKI login as a fluent builder:
 * {@code LoginSteps.start(rp).pushRequest().openLoginPage().cardSigns().continueToClient()
 * .exchangeCode().userInfo().build()}, and {@code refresh()} afterwards. Every step checks the status, saves what the next one
 * needs, and ends the virtual user when it failed.
 */
final class LoginSteps {
    private final RelyingParty rp;
    private final ChainBuilder chain;

    private LoginSteps(RelyingParty rp, ChainBuilder chain) {
        this.rp = rp;
        this.chain = chain;
    }

    /** A new login: state, nonce and PKCE pair in the session. */
    static LoginSteps start(RelyingParty rp) {
        return new LoginSteps(rp, exec(rp::newAuthorization));
    }

    /** Steps of a login that already happened: the session holds its keys and tokens. */
    static LoginSteps resume(RelyingParty rp) {
        return new LoginSteps(rp, exec(session -> session));
    }

    /** Appends the actions, each followed by an exit of the virtual user if it failed. */
    private LoginSteps then(Executable... actions) {
        ChainBuilder next = chain;
        for (Executable action : actions) {
            next = next.exec(action).exitHereIfFailed();
        }
        return new LoginSteps(rp, next);
    }

    /** {@code POST /par} (RFC 9126) authenticated with a client assertion; saves {@code request_uri}. */
    LoginSteps pushRequest() {
        return then(exec(rp::newClientAssertion), http("par").post("/par")
                .formParam("client_id", rp.clientId())
                .formParam("response_type", "code")
                .formParam("redirect_uri", LoginFixtures.REDIRECT_URI)
                .formParam("scope", rp.scope())
                .formParam("state", "#{state}")
                .formParam("nonce", "#{nonce}")
                .formParam("code_challenge", "#{codeChallenge}")
                .formParam("code_challenge_method", "S256")
                .formParam("client_assertion_type", ClientAssertions.JWT_BEARER)
                .formParam("client_assertion", "#{clientAssertion}")
                .check(status().is(201), jsonPath("$.request_uri").saveAs("requestUri"),
                        header("DPoP-Nonce").saveAs("dpopNonce")));
    }

    /** The browser opens {@code /authorize}: the login page; saves the transaction of its signer link. */
    LoginSteps openLoginPage() {
        return then(http("authorize").get("/authorize")
                .queryParam("client_id", rp.clientId())
                .queryParam("request_uri", "#{requestUri}")
                .check(status().is(200), css("a#same-device", "href")
                        .transform(signerUrl -> signerUrl.substring(signerUrl.lastIndexOf('/') + 1)).saveAs("txn")));
    }

    /** The signer app fetches the transaction, the card signs it in-process, the app posts the signature. */
    LoginSteps cardSigns() {
        return then(VirtualCards.signerApp("/login/#{txn}"));
    }

    /**
     * The page continues; when the gateway asks for consent ({@code 303 /login/{txn}/consent}) the
     * person approves with the form's CSRF token. Ends with the redirect to the client, whose code
     * is kept only if state and iss match.
     */
    LoginSteps continueToClient() {
        return then(http("continue").get("/login/#{txn}/continue")
                        .check(status().is(303), header("Location").saveAs("location")),
                doIf(LoginSteps::asksConsent).then(exec(http("consent page").get("/login/#{txn}/consent")
                        .check(status().is(200), css("form#consent-form input[name='csrf']", "value").saveAs("csrf")))
                        .exitHereIfFailed()
                        .exec(http("consent").post("/login/#{txn}/consent")
                                .formParam("decision", "approve")
                                .formParam("csrf", "#{csrf}")
                                .check(status().in(302, 303), header("Location").saveAs("location")))),
                exec(rp::readRedirect));
    }

    private static boolean asksConsent(Session session) {
        return session.getString("location").contains("/login/" + session.getString("txn") + "/consent");
    }

    /** {@code POST /token}: authorization code with the PKCE verifier, a new client assertion and a DPoP proof. */
    LoginSteps exchangeCode() {
        return then(exec(rp::newClientAssertion).exec(rp::tokenProof), http("token").post("/token")
                .header("DPoP", "#{dpopProof}")
                .formParam("grant_type", "authorization_code")
                .formParam("code", "#{code}")
                .formParam("redirect_uri", LoginFixtures.REDIRECT_URI)
                .formParam("code_verifier", "#{codeVerifier}")
                .formParam("client_id", rp.clientId())
                .formParam("client_assertion_type", ClientAssertions.JWT_BEARER)
                .formParam("client_assertion", "#{clientAssertion}")
                .check(status().is(200), jsonPath("$.access_token").saveAs("accessToken"), jsonPath("$.id_token").exists(),
                        jsonPath("$.token_type").is("DPoP"), jsonPath("$.refresh_token").optional().saveAs("refreshToken"),
                        header("DPoP-Nonce").saveAs("dpopNonce")));
    }

    /**
     * {@code POST /token} with the refresh token (rotated: the answer's replaces it), a new client
     * assertion and a DPoP proof of the login's key; keeps the new access token and the server's nonce.
     */
    LoginSteps refresh() {
        return then(exec(rp::newClientAssertion).exec(rp::tokenProof), http("refresh").post("/token")
                .header("DPoP", "#{dpopProof}")
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", "#{refreshToken}")
                .formParam("client_id", rp.clientId())
                .formParam("client_assertion_type", ClientAssertions.JWT_BEARER)
                .formParam("client_assertion", "#{clientAssertion}")
                .check(status().is(200), jsonPath("$.access_token").saveAs("accessToken"),
                        jsonPath("$.refresh_token").saveAs("refreshToken"), header("DPoP-Nonce").optional().saveAs("dpopNonce")));
    }

    /** {@code GET /userinfo} with the DPoP-bound access token and a proof of the same key. */
    LoginSteps userInfo() {
        return then(exec(rp::userinfoProof), http("userinfo").get("/userinfo")
                .header("Authorization", "DPoP #{accessToken}")
                .header("DPoP", "#{dpopProof}")
                .check(status().is(200), jsonPath("$.sub").exists()));
    }

    ChainBuilder build() {
        return chain;
    }
}
