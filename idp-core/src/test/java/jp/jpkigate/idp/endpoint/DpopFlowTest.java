package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.idp.dpop.DpopOptions;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.store.redis.RedisRefreshTokenStore;
import jp.jpkigate.idp.testing.DpopProofs;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.RequestObjectBuilder;
import jp.jpkigate.idp.token.GrantIds;
import jp.jpkigate.idp.token.RefreshTokens;
import jp.jpkigate.idp.token.TokenGrant;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DPoP (RFC 9449) end to end with server nonces on: Nimbus pushes with a proof, the card signs, the
 * code is redeemed with a proof, userinfo and refresh are DPoP-bound; and every binding defence over
 * HTTP. Real Redis (proof replay cache, codes, refresh families), a clock the test moves, no sleeps.
 */
class DpopFlowTest {
    private static final URI PAR = URI.create(OpFixture.ISSUER + "/par");
    private static final URI TOKEN = URI.create(OpFixture.ISSUER + "/token");
    private static final URI USERINFO = URI.create(OpFixture.ISSUER + "/userinfo");
    private static final byte[] NONCE_KEY = DpopOptions.deriveNonceKey("dpop-flow-pairwise-secret-32-bytes".getBytes(StandardCharsets.UTF_8));

    /** The OP with server nonces on; the RP's DPoP key is the fixture's (Nimbus's own proof factory). */
    @RegisterExtension
    static final LoginFixture op = new LoginFixture(DpopOptions.defaults(NONCE_KEY));
    /** The last {@code DPoP-Nonce} the OP sent. */
    private static String nonce;

    private static JwkThumbprint rpKey() {
        return JwkThumbprint.of(op.rpDpop.getPublicJWK());
    }

    /** Like an RP starting up: any answer of a DPoP-protected endpoint carries the current nonce. */
    @BeforeEach
    void fetchNonce() throws Exception {
        HttpResponse<Buffer> answer = TestRedis.await(op.web.get("/userinfo").send());
        assertThat(answer.statusCode()).isEqualTo(401);
        remember(answer);
    }

    /** A code, its verifier, and the key it is bound to. */
    record Code(String code, CodeVerifier verifier) {
    }

    /** Nimbus's proof with the OP's last nonce and the test clock's time. */
    private static SignedJWT rpProof(String method, URI uri, String accessToken) throws Exception {
        return op.dpopProof(method, uri.getPath(), accessToken, nonce);
    }

    /** Sends and remembers the {@code DPoP-Nonce} of the answer, which every DPoP-protected answer carries. */
    private static HttpResponse<Buffer> send(HTTPRequest http) throws Exception {
        return remember(op.send(http));
    }

    private static HttpResponse<Buffer> remember(HttpResponse<Buffer> answer) {
        assertThat(answer.getHeader("DPoP-Nonce")).as("DPoP-Nonce on %s", answer.bodyAsString()).isNotBlank();
        nonce = answer.getHeader("DPoP-Nonce");
        return answer;
    }

    private static HTTPRequest par(CodeVerifier verifier, Map<String, String> extra) throws Exception {
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(OpFixture.BANK), URI.create(OpFixture.BANK_REDIRECT))
                .state(new State()).codeChallenge(verifier, CodeChallengeMethod.S256);
        extra.forEach((k, v) -> request.customParameter(k, v));
        return new PushedAuthorizationRequest(PAR, op.bankAuth(), request.build()).toHTTPRequest();
    }

    /** PAR (with the RP's proof when {@code withProof}), then the person signs in. */
    private static Code login(boolean withProof, Map<String, String> extra) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        HTTPRequest http = par(verifier, extra);
        if (withProof) {
            http.setDPoP(rpProof("POST", PAR, null));
        }
        HttpResponse<Buffer> pushed = send(http);
        assertThat(pushed.statusCode()).as(pushed.bodyAsString()).isEqualTo(201);
        String requestUri = PushedAuthorizationResponse.parse(OpFixture.toNimbus(pushed)).toSuccessResponse()
                .getRequestURI().toString();
        return signIn(requestUri, verifier);
    }

    /** The person opens the pushed request, the card signs, consent is approved if asked: the code. */
    private static Code signIn(String requestUri, CodeVerifier verifier) throws Exception {
        return new Code(op.signIn(op.open(requestUri, null, verifier), CaKind.AUTHENTICATION), verifier);
    }

    private static HTTPRequest tokenRequest(AuthorizationGrant grant) throws Exception {
        return new TokenRequest(TOKEN, op.bankAuth(), grant).toHTTPRequest();
    }

    private static AuthorizationCodeGrant redemption(Code code) {
        return new AuthorizationCodeGrant(new AuthorizationCode(code.code()), URI.create(OpFixture.BANK_REDIRECT), code.verifier());
    }

    private static OIDCTokenResponse tokens(HttpResponse<Buffer> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        assertThat(answer.bodyAsJsonObject().getString("token_type")).isEqualTo("DPoP");
        return (OIDCTokenResponse) OIDCTokenResponseParser.parse(OpFixture.toNimbus(answer)).toSuccessResponse();
    }

    private static String error(HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
        return answer.bodyAsJsonObject().getString("error");
    }

    private static JwkThumbprint cnf(String accessToken) throws Exception {
        return new JwkThumbprint(SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("cnf").get("jkt").toString());
    }

    private static HttpResponse<Buffer> userinfo(String authorization, String... proofs) throws Exception {
        var request = op.web.get("/userinfo").putHeader("Authorization", authorization);
        if (proofs.length > 0) {
            request.putHeader("DPoP", List.of(proofs));
        }
        return remember(TestRedis.await(request.send()));
    }

    /** A fresh DPoP-bound access token of the RP's key. */
    private static String boundAccessToken() throws Exception {
        Code code = login(true, Map.of());
        HTTPRequest http = tokenRequest(redemption(code));
        http.setDPoP(rpProof("POST", TOKEN, null));
        return tokens(send(http)).getOIDCTokens().getAccessToken().getValue();
    }

    @Test
    void parTokenUserinfoAndRefreshWithNimbusAndServerNonces() throws Exception {
        nonce = null;
        CodeVerifier verifier = new CodeVerifier();
        HTTPRequest push = par(verifier, Map.of());
        push.setDPoP(rpProof("POST", PAR, null));
        HttpResponse<Buffer> challenged = send(push);
        assertThat(error(challenged)).isEqualTo("use_dpop_nonce");
        // The proof is checked before client authentication: the same client assertion still works.
        push.setDPoP(rpProof("POST", PAR, null));
        HttpResponse<Buffer> pushed = send(push);
        assertThat(pushed.statusCode()).as(pushed.bodyAsString()).isEqualTo(201);
        String requestUri = PushedAuthorizationResponse.parse(OpFixture.toNimbus(pushed)).toSuccessResponse()
                .getRequestURI().toString();
        Code code = signIn(requestUri, verifier);

        HTTPRequest redeem = tokenRequest(redemption(code));
        redeem.setDPoP(rpProof("POST", TOKEN, null));
        OIDCTokenResponse issued = tokens(send(redeem));
        String accessToken = issued.getOIDCTokens().getAccessToken().getValue();
        assertThat(issued.getOIDCTokens().getAccessToken()).isInstanceOf(DPoPAccessToken.class);
        assertThat(cnf(accessToken)).isEqualTo(rpKey());

        HttpResponse<Buffer> info = userinfo("DPoP " + accessToken, rpProof("GET", USERINFO, accessToken).serialize());
        assertThat(info.statusCode()).as(info.bodyAsString()).isEqualTo(200);
        assertThat(info.bodyAsJsonObject().getString("sub")).isEqualTo(issued.getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject());

        // Two minutes later the nonce is stale: use_dpop_nonce with a fresh one, and the retry works.
        op.clock.advance(Duration.ofMinutes(2));
        try {
            HttpResponse<Buffer> stale = userinfo("DPoP " + accessToken, rpProof("GET", USERINFO, accessToken).serialize());
            assertThat(stale.statusCode()).isEqualTo(401);
            assertThat(stale.getHeader("WWW-Authenticate")).contains("DPoP realm=\"jpkigate\", error=\"use_dpop_nonce\"")
                    .contains("algs=\"ES256 PS256 EdDSA\"");
            assertThat(userinfo("DPoP " + accessToken, rpProof("GET", USERINFO, accessToken).serialize()).statusCode())
                    .isEqualTo(200);
        } finally {
            op.clock.advance(Duration.ofMinutes(-2));
        }
        fetchNonce();

        // A confidential client's refresh token is bound to its authentication, not to the DPoP key
        // (RFC 9449 §5.2): it may move to a new key, and the new access token is bound to that one.
        DpopProofs newKey = new DpopProofs(JWSAlgorithm.EdDSA, op.clock);
        HTTPRequest refresh = tokenRequest(new RefreshTokenGrant(issued.getOIDCTokens().getRefreshToken()));
        refresh.setDPoP(SignedJWT.parse(newKey.proof("POST", TOKEN.toString(), nonce, null)));
        OIDCTokenResponse refreshed = tokens(send(refresh));
        String second = refreshed.getOIDCTokens().getAccessToken().getValue();
        assertThat(cnf(second)).isEqualTo(newKey.jkt());
        assertThat(userinfo("DPoP " + second, newKey.proof("GET", USERINFO.toString(), nonce, second)).statusCode()).isEqualTo(200);
        assertThat(userinfo("DPoP " + second, rpProof("GET", USERINFO, second).serialize()).statusCode())
                .as("the old key no longer fits").isEqualTo(401);
    }

    @Test
    void aCodeBoundAtParIsRedeemedOnlyWithItsKey() throws Exception {
        Code code = login(true, Map.of());
        HTTPRequest http = tokenRequest(redemption(code));
        http.setDPoP(SignedJWT.parse(new DpopProofs(JWSAlgorithm.ES256, op.clock).proof("POST", TOKEN.toString(), nonce, null)));
        HttpResponse<Buffer> answer = send(http);
        assertThat(error(answer)).isEqualTo("invalid_grant");
        assertThat(answer.bodyAsJsonObject().getString("error_description")).contains("another DPoP key");
    }

    @Test
    void dpopJktBindsTheCodeWithoutAProofAtPar() throws Exception {
        DpopProofs key = new DpopProofs(JWSAlgorithm.PS256, op.clock);
        Code code = login(false, Map.of("dpop_jkt", key.jkt().value()));
        HTTPRequest other = tokenRequest(redemption(code));
        other.setDPoP(rpProof("POST", TOKEN, null));
        assertThat(error(send(other))).isEqualTo("invalid_grant");

        Code again = login(false, Map.of("dpop_jkt", key.jkt().value()));
        HTTPRequest right = tokenRequest(redemption(again));
        right.setDPoP(SignedJWT.parse(key.proof("POST", TOKEN.toString(), nonce, null)));
        assertThat(cnf(tokens(send(right)).getOIDCTokens().getAccessToken().getValue())).isEqualTo(key.jkt());
    }

    @Test
    void dpopJktThatIsNotTheProofsKeyIsRefusedAtPar() throws Exception {
        HTTPRequest http = par(new CodeVerifier(), Map.of("dpop_jkt", new DpopProofs(JWSAlgorithm.ES256, op.clock).jkt().value()));
        http.setDPoP(rpProof("POST", PAR, null));
        assertThat(error(send(http))).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void aFapiClientMustSendAProofAndAFailedAttemptDoesNotBurnTheCode() throws Exception {
        Code code = login(false, Map.of());
        HttpResponse<Buffer> without = send(tokenRequest(redemption(code)));
        assertThat(error(without)).isEqualTo("invalid_dpop_proof");
        HTTPRequest with = tokenRequest(redemption(code));
        with.setDPoP(rpProof("POST", TOKEN, null));
        assertThat(cnf(tokens(send(with)).getOIDCTokens().getAccessToken().getValue())).isEqualTo(rpKey());
    }

    @Test
    void aReplayedProofIsRefusedAcrossRequests() throws Exception {
        SignedJWT proof = rpProof("POST", PAR, null);
        HTTPRequest first = par(new CodeVerifier(), Map.of());
        first.setDPoP(proof);
        assertThat(send(first).statusCode()).isEqualTo(201);
        HTTPRequest second = par(new CodeVerifier(), Map.of());
        second.setDPoP(proof);
        HttpResponse<Buffer> replayed = send(second);
        assertThat(error(replayed)).isEqualTo("invalid_dpop_proof");
        assertThat(replayed.bodyAsJsonObject().getString("error_description")).contains("replayed");
    }

    @Test
    void aProofForAnotherEndpointOrMethodIsRefused() throws Exception {
        HTTPRequest wrongUri = par(new CodeVerifier(), Map.of());
        wrongUri.setDPoP(rpProof("POST", TOKEN, null));
        assertThat(error(send(wrongUri))).isEqualTo("invalid_dpop_proof");
        HTTPRequest wrongMethod = par(new CodeVerifier(), Map.of());
        wrongMethod.setDPoP(rpProof("GET", PAR, null));
        assertThat(error(send(wrongMethod))).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void aBoundTokenSentAsBearerIsInvalidToken() throws Exception {
        String accessToken = boundAccessToken();
        HttpResponse<Buffer> answer = userinfo("Bearer " + accessToken);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.getHeader("WWW-Authenticate")).startsWith("Bearer realm=\"jpkigate\", error=\"invalid_token\"")
                .contains(", DPoP realm=\"jpkigate\", algs=\"ES256 PS256 EdDSA\"");
        assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("invalid_token");
    }

    @Test
    void userinfoRefusesAWrongAthAnotherKeyAndTwoProofs() throws Exception {
        String accessToken = boundAccessToken();
        HttpResponse<Buffer> wrongAth = userinfo("DPoP " + accessToken, rpProof("GET", USERINFO, "another-token").serialize());
        assertThat(wrongAth.statusCode()).isEqualTo(401);
        assertThat(wrongAth.getHeader("WWW-Authenticate")).contains("DPoP realm=\"jpkigate\", error=\"invalid_dpop_proof\"");

        DpopProofs thief = new DpopProofs(JWSAlgorithm.ES256, op.clock);
        HttpResponse<Buffer> stolen = userinfo("DPoP " + accessToken, thief.proof("GET", USERINFO.toString(), nonce, accessToken));
        assertThat(stolen.statusCode()).isEqualTo(401);
        assertThat(stolen.getHeader("WWW-Authenticate")).contains("DPoP realm=\"jpkigate\", error=\"invalid_token\"");

        HttpResponse<Buffer> two = userinfo("DPoP " + accessToken, rpProof("GET", USERINFO, accessToken).serialize(),
                rpProof("GET", USERINFO, accessToken).serialize());
        assertThat(two.statusCode()).isEqualTo(401);
        assertThat(two.bodyAsJsonObject().getString("error")).isEqualTo("invalid_dpop_proof");

        HttpResponse<Buffer> none = userinfo("DPoP " + accessToken);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void aRefreshFamilyBoundToAKeyNeedsThatKey() throws Exception {
        // What a public client's code redemption stores (RFC 9449 §5.2); the bank stands in for it.
        RefreshTokens format = new RefreshTokens(new java.security.SecureRandom());
        RedisRefreshTokenStore store = new RedisRefreshTokenStore(op.redis);

        String family = GrantIds.ofCode("dpop-flow-code-1");
        String token = format.newToken(family);
        TestRedis.await(store.issue(family, token, boundGrant(family), Duration.ofHours(1)));
        HTTPRequest stolen = tokenRequest(new RefreshTokenGrant(new RefreshToken(token)));
        stolen.setDPoP(SignedJWT.parse(new DpopProofs(JWSAlgorithm.ES256, op.clock).proof("POST", TOKEN.toString(), nonce, null)));
        assertThat(error(send(stolen))).isEqualTo("invalid_grant");

        String family2 = GrantIds.ofCode("dpop-flow-code-2");
        String token2 = format.newToken(family2);
        TestRedis.await(store.issue(family2, token2, boundGrant(family2), Duration.ofHours(1)));
        HTTPRequest right = tokenRequest(new RefreshTokenGrant(new RefreshToken(token2)));
        right.setDPoP(rpProof("POST", TOKEN, null));
        assertThat(cnf(tokens(send(right)).getOIDCTokens().getAccessToken().getValue())).isEqualTo(rpKey());
    }

    /** What a public client's code redemption stores (RFC 9449 §5.2) under a grant id; the bank stands in for it. */
    private static TokenGrant boundGrant(String grantId) {
        return new TokenGrant(grantId, OpFixture.BANK, "sub-1", List.of("openid"), Instant.now(), "urn:jpkigate:acr:jpki-auth",
                List.of("sc", "pin")).withDpopJkt(java.util.Optional.of(rpKey()));
    }

    /**
     * RFC 9449 §10 with RFC 9101: {@code dpop_jkt} inside a signed request object pushed without a
     * proof binds the code to that key, and the code redeemed with the RP's key is refused.
     */
    @Test
    void dpopJktInASignedRequestObjectBindsTheCode() throws Exception {
        DpopProofs key = new DpopProofs(JWSAlgorithm.ES256, op.clock);
        HTTPRequest other = tokenRequest(redemption(loginWithRequestObject(key)));
        other.setDPoP(rpProof("POST", TOKEN, null));
        assertThat(error(send(other))).isEqualTo("invalid_grant");

        HTTPRequest right = tokenRequest(redemption(loginWithRequestObject(key)));
        right.setDPoP(SignedJWT.parse(key.proof("POST", TOKEN.toString(), nonce, null)));
        assertThat(cnf(tokens(send(right)).getOIDCTokens().getAccessToken().getValue())).isEqualTo(key.jkt());
    }

    /** PAR without a proof of a request object naming {@code key} in {@code dpop_jkt}, then the person signs in. */
    private static Code loginWithRequestObject(DpopProofs key) throws Exception {
        RequestObjectBuilder ro = RequestObjectBuilder.of(OpFixture.BANK, OpFixture.BANK_REDIRECT, op.clock.instant())
                .claim("nonce", LoginFixture.NONCE).claim("dpop_jkt", key.jkt().value());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request", ro.signedWith(op.bankKey));
        form.put("client_id", OpFixture.BANK);
        op.bankAuth().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        HttpResponse<Buffer> pushed = remember(op.postForm("/par", null, PushedAuthorizationEndpointTest.encode(form)));
        assertThat(pushed.statusCode()).as(pushed.bodyAsString()).isEqualTo(201);
        return signIn(pushed.bodyAsJsonObject().getString("request_uri"), ro.verifier());
    }

    @Test
    void discoveryListsTheDpopAlgorithms() throws Exception {
        assertThat(op.get("/.well-known/openid-configuration", null).bodyAsJsonObject()
                .getJsonArray("dpop_signing_alg_values_supported").getList()).containsExactly("ES256", "PS256", "EdDSA");
    }
}
