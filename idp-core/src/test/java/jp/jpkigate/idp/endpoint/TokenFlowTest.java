package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.RequestObjectBuilder;
import jp.jpkigate.sim.ca.CaKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jp.jpkigate.testing.TestRedis;

/**
 * The token slice end to end: PAR → /authorize → a simulator card signs → /continue → Nimbus
 * redeems the code with private_key_jwt, the PKCE verifier and a DPoP proof (the FAPI client gets
 * DPoP-bound tokens), validates the ID token and the JWT access token against the OP's JWKS, calls
 * userinfo and refreshes. Real Redis, a movable clock. DPoP itself: {@link DpopFlowTest}.
 */
class TokenFlowTest {
    private static final URI TOKEN = URI.create(OpFixture.ISSUER + "/token");

    @RegisterExtension
    static final LoginFixture op = new LoginFixture();

    /** A code and the verifier that redeems it. */
    record Code(String code, CodeVerifier verifier) {
    }

    private static PrivateKeyJWT bankAuth() throws Exception {
        return op.bankAuth();
    }

    /** Runs the login with the card (approving the consent page when shown) and returns the code. */
    private static Code login(Scope scope, String claims, CaKind kind) throws Exception {
        LoginFixture.Page page = op.authorize(scope, claims, null);
        return new Code(op.signIn(page, kind), page.verifier());
    }

    private static HttpResponse<Buffer> get(String path, String cookie) throws Exception {
        return op.get(path, cookie);
    }

    private static TokenResponse token(ClientAuthentication auth, AuthorizationGrant grant) throws Exception {
        return token(auth, grant, null);
    }

    /** A token request with a DPoP proof (iat from the test's clock), as the FAPI client must send it. */
    private static TokenResponse token(ClientAuthentication auth, AuthorizationGrant grant, Scope scope) throws Exception {
        HttpResponse<Buffer> answer = op.sendToken(new TokenRequest(TOKEN, auth, grant, scope));
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
        return OIDCTokenResponseParser.parse(OpFixture.toNimbus(answer));
    }

    private static TokenResponse redeem(Code code) throws Exception {
        return token(bankAuth(), new AuthorizationCodeGrant(new AuthorizationCode(code.code()), URI.create(OpFixture.BANK_REDIRECT),
                code.verifier()));
    }

    private static String errorOf(TokenResponse response) {
        assertThat(response.indicatesSuccess()).isFalse();
        return ((TokenErrorResponse) response).getErrorObject().getCode();
    }

    private static IDTokenClaimsSet validateIdToken(OIDCTokenResponse response) throws Exception {
        JWKSet jwks = JWKSet.parse(get("/jwks", null).bodyAsString());
        return new IDTokenValidator(new Issuer(OpFixture.ISSUER), new ClientID(OpFixture.BANK), JWSAlgorithm.ES256, jwks)
                .validate(response.getOIDCTokens().getIDToken(), new Nonce("n-0S6_WzA2Mj"));
    }

    private static JWTClaimsSet validateAccessToken(String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.parse(get("/jwks", null).bodyAsString()))));
        return processor.process(token, null);
    }

    /** Userinfo; a {@code DPoP} authorization gets a proof for its token. */
    private static HttpResponse<Buffer> userinfo(String authorization) throws Exception {
        var request = op.web.get("/userinfo");
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        if (authorization != null && authorization.startsWith("DPoP ")) {
            request.putHeader("DPoP", op.dpopProof("GET", "/userinfo", authorization.substring(5), null).serialize());
        }
        return TestRedis.await(request.send());
    }

    @Test
    void codeFlowWithNimbusThenUserinfoThenRotatingRefreshWithReuseDetection() throws Exception {
        Code code = login(new Scope("openid", "profile"), null, CaKind.AUTHENTICATION);
        OIDCTokenResponse tokens = redeem(code).toSuccessResponse() instanceof OIDCTokenResponse oidc ? oidc : null;
        assertThat(tokens).isNotNull();
        IDTokenClaimsSet id = validateIdToken(tokens);
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:jpkigate:acr:jpki-auth");
        assertThat(id.getStringListClaim("amr")).containsExactly("sc", "pin");
        assertThat(id.getAuthenticationTime()).isNotNull();
        assertThat(id.getAccessTokenHash()).isNotNull();
        assertThat(id.getClaim("name")).isNull();
        assertThat(tokens.getOIDCTokens().getDPoPAccessToken().getLifetime()).isEqualTo(300);
        assertThat(tokens.getOIDCTokens().getDPoPAccessToken().getScope()).isEqualTo(new Scope("openid", "profile"));

        String accessToken = tokens.getOIDCTokens().getAccessToken().getValue();
        JWTClaimsSet at = validateAccessToken(accessToken);
        assertThat(at.getIssuer()).isEqualTo(OpFixture.ISSUER);
        assertThat(at.getAudience()).containsExactly(OpFixture.ISSUER + "/userinfo");
        assertThat(at.getSubject()).isEqualTo(id.getSubject().getValue());
        assertThat(at.getStringClaim("client_id")).isEqualTo(OpFixture.BANK);
        assertThat(at.getStringClaim("scope")).isEqualTo("openid profile");
        assertThat(at.getJWTID()).isNotBlank();
        assertThat(at.getClaim("auth_time")).isNotNull();

        UserInfo info = UserInfoResponse.parse(OpFixture.toNimbus(userinfo("DPoP " + accessToken))).toSuccessResponse().getUserInfo();
        assertThat(info.getSubject()).isEqualTo(id.getSubject());
        assertThat(info.toJSONObject()).containsOnlyKeys("sub");

        // refresh: rotation, then the old token again revokes the family
        var first = tokens.getOIDCTokens().getRefreshToken();
        TokenResponse refreshed = token(bankAuth(), new RefreshTokenGrant(first));
        assertThat(refreshed.indicatesSuccess()).as(refreshed.toString()).isTrue();
        OIDCTokenResponse second = (OIDCTokenResponse) refreshed.toSuccessResponse();
        assertThat(second.getOIDCTokens().getRefreshToken()).isNotEqualTo(first);
        assertThat(second.getOIDCTokens().getIDToken().getJWTClaimsSet().getSubject()).isEqualTo(id.getSubject().getValue());
        assertThat(token(bankAuth(), new RefreshTokenGrant(first)).indicatesSuccess()).isFalse();
        assertThat(errorOf(token(bankAuth(), new RefreshTokenGrant(second.getOIDCTokens().getRefreshToken())))).isEqualTo("invalid_grant");
    }

    /**
     * RFC 9126 §3 with RFC 9101: the whole request in a signed request object at PAR, the form's
     * other authorization parameters ignored; the code, the PKCE verifier and the ID token's nonce
     * are the request object's.
     */
    @Test
    void pushedRequestObjectThenCardLoginThenTokens() throws Exception {
        RequestObjectBuilder ro = RequestObjectBuilder.of(OpFixture.BANK, OpFixture.BANK_REDIRECT, op.clock.instant())
                .claim("scope", "openid profile").claim("nonce", LoginFixture.NONCE).claim("state", "ro-state-1");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request", ro.signedWith(op.bankKey));
        form.put("client_id", OpFixture.BANK);
        form.put("redirect_uri", "https://evil.example/cb");
        form.put("nonce", "outer-nonce");
        op.bankAuth().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        HttpResponse<Buffer> pushed = op.postForm("/par", null, PushedAuthorizationEndpointTest.encode(form));
        assertThat(pushed.statusCode()).as(pushed.bodyAsString()).isEqualTo(201);
        LoginFixture.Page page = op.open(pushed.bodyAsJsonObject().getString("request_uri"), new State("ro-state-1"),
                ro.verifier());
        op.sign(page.txn(), op.card, CaKind.AUTHENTICATION);
        String location = op.continueApproving(page);
        assertThat(LoginFixture.query(location)).containsEntry("state", "ro-state-1");
        assertThat(location).startsWith(OpFixture.BANK_REDIRECT);
        TokenResponse response = redeem(new Code(LoginFixture.codeOf(location), ro.verifier()));
        assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
        IDTokenClaimsSet id = validateIdToken((OIDCTokenResponse) response.toSuccessResponse());
        assertThat(id.getNonce().getValue()).isEqualTo(LoginFixture.NONCE);
        assertThat(((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getDPoPAccessToken().getScope())
                .isEqualTo(new Scope("openid", "profile"));
    }

    @Test
    void codeIsSingleUse() throws Exception {
        Code code = login(new Scope("openid"), null, CaKind.AUTHENTICATION);
        assertThat(redeem(code).indicatesSuccess()).isTrue();
        assertThat(errorOf(redeem(code))).isEqualTo("invalid_grant");
    }

    @Test
    void aReplayedCodeRevokesTheRefreshTokensAndAccessTokensOfItsFirstUse() throws Exception {
        Code code = login(new Scope("openid"), null, CaKind.AUTHENTICATION);
        OIDCTokens first = ((OIDCTokenResponse) redeem(code).toSuccessResponse()).getOIDCTokens();
        OIDCTokens refreshed = ((OIDCTokenResponse) token(bankAuth(), new RefreshTokenGrant(first.getRefreshToken()))
                .toSuccessResponse()).getOIDCTokens();
        assertThat(userinfo("DPoP " + refreshed.getAccessToken().getValue()).statusCode()).isEqualTo(200);
        Code other = login(new Scope("openid"), null, CaKind.AUTHENTICATION);
        OIDCTokens unrelated = ((OIDCTokenResponse) redeem(other).toSuccessResponse()).getOIDCTokens();

        assertThat(errorOf(redeem(code))).isEqualTo("invalid_grant");

        for (OIDCTokens tokens : List.of(first, refreshed)) {
            HttpResponse<Buffer> revoked = userinfo("DPoP " + tokens.getAccessToken().getValue());
            assertThat(revoked.statusCode()).isEqualTo(401);
            assertThat(revoked.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }
        assertThat(errorOf(token(bankAuth(), new RefreshTokenGrant(first.getRefreshToken())))).isEqualTo("invalid_grant");
        assertThat(errorOf(token(bankAuth(), new RefreshTokenGrant(refreshed.getRefreshToken())))).isEqualTo("invalid_grant");
        assertThat(userinfo("DPoP " + unrelated.getAccessToken().getValue()).statusCode()).isEqualTo(200);
        assertThat(token(bankAuth(), new RefreshTokenGrant(unrelated.getRefreshToken())).indicatesSuccess()).isTrue();
    }

    @Test
    void aRefreshAskingForMoreThanTheGrantIsInvalidScopeAndTheTokenStaysValid() throws Exception {
        Code code = login(new Scope("openid", "profile"), null, CaKind.AUTHENTICATION);
        OIDCTokens tokens = ((OIDCTokenResponse) redeem(code).toSuccessResponse()).getOIDCTokens();
        RefreshTokenGrant refresh = new RefreshTokenGrant(tokens.getRefreshToken());
        assertThat(errorOf(token(bankAuth(), refresh, new Scope("openid", "name")))).isEqualTo("invalid_scope");

        TokenResponse narrowed = token(bankAuth(), refresh, new Scope("openid"));
        assertThat(narrowed.indicatesSuccess()).as("the presented token was not rotated away").isTrue();
        JWTClaimsSet access = validateAccessToken(((OIDCTokenResponse) narrowed.toSuccessResponse()).getOIDCTokens()
                .getAccessToken().getValue());
        assertThat(access.getStringClaim("scope")).isEqualTo("openid");
        assertThat(access.getStringClaim("gid")).isEqualTo(validateAccessToken(tokens.getAccessToken().getValue())
                .getStringClaim("gid"));
    }

    @Test
    void pkceMismatchWrongRedirectUriWrongClientAndExpiredCodeAreInvalidGrant() throws Exception {
        Code code = login(new Scope("openid"), null, CaKind.AUTHENTICATION);
        assertThat(errorOf(token(bankAuth(), new AuthorizationCodeGrant(new AuthorizationCode(code.code()),
                URI.create(OpFixture.BANK_REDIRECT), new CodeVerifier())))).isEqualTo("invalid_grant");
        assertThat(errorOf(redeem(code))).as("a failed attempt burns the code").isEqualTo("invalid_grant");

        Code other = login(new Scope("openid"), null, CaKind.AUTHENTICATION);
        assertThat(errorOf(token(bankAuth(), new AuthorizationCodeGrant(new AuthorizationCode(other.code()),
                URI.create("https://rp.bank.example/cb2"), other.verifier())))).isEqualTo("invalid_grant");

        Code stolen = login(new Scope("openid"), null, CaKind.AUTHENTICATION);
        assertThat(errorOf(token(new ClientSecretBasic(new ClientID(OpFixture.LEGACY), new Secret(OpFixture.LEGACY_SECRET)),
                new AuthorizationCodeGrant(new AuthorizationCode(stolen.code()), URI.create(OpFixture.BANK_REDIRECT),
                        stolen.verifier())))).isEqualTo("invalid_grant");

        Code late = login(new Scope("openid"), null, CaKind.AUTHENTICATION);
        op.clock.advance(Duration.ofSeconds(61));
        try {
            assertThat(errorOf(redeem(late))).isEqualTo("invalid_grant");
        } finally {
            op.clock.advance(Duration.ofSeconds(-61));
        }
    }

    @Test
    void signatureCertificateLoginYieldsTheFourInformationAndVerifiedClaims() throws Exception {
        String claims = "{\"id_token\":{\"verified_claims\":{\"verification\":{\"trust_framework\":null},"
                + "\"claims\":{\"name\":null,\"birthdate\":null}}}}";
        Code code = login(new Scope("openid", "name", "address"), claims, CaKind.SIGNATURE);
        OIDCTokenResponse tokens = (OIDCTokenResponse) redeem(code).toSuccessResponse();
        IDTokenClaimsSet id = validateIdToken(tokens);
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:jpkigate:acr:jpki-sign");
        JsonObject verified = new JsonObject(id.getJSONObjectClaim("verified_claims"));
        assertThat(verified.getJsonObject("claims").getMap()).containsOnlyKeys("name", "birthdate")
                .containsEntry("name", "〓橋\u3000花子") // 髙 is outside JIS X 0208: the certificate carries a substitute
               .containsEntry("birthdate", "1990-01-02");
        JsonObject verification = verified.getJsonObject("verification");
        assertThat(verification.getString("trust_framework")).isEqualTo("jp_aml");
        JsonObject evidence = verification.getJsonArray("evidence").getJsonObject(0);
        assertThat(evidence.getString("type")).isEqualTo("electronic_signature");
        assertThat(evidence.getString("signature_type")).isEqualTo("jpki");
        assertThat(evidence.getString("serial_number")).matches("[0-9a-f]+");
        assertThat(evidence.getString("issuer")).isNotBlank();
        assertThat(evidence.getString("created_at")).isEqualTo(verification.getString("time"));

        HttpResponse<Buffer> answer = userinfo("DPoP " + tokens.getOIDCTokens().getAccessToken().getValue());
        UserInfo info = UserInfoResponse.parse(OpFixture.toNimbus(answer)).toSuccessResponse().getUserInfo();
        assertThat(info.getName()).isEqualTo("〓橋\u3000花子");
        assertThat(info.getFamilyName()).isEqualTo("〓橋");
        assertThat(info.getGivenName()).isEqualTo("花子");
        assertThat(info.getAddress().getFormatted()).contains("新宿区");
        assertThat(info.getGender()).isNull();
        JsonObject userVerified = new JsonObject(answer.bodyAsString()).getJsonObject("verified_claims");
        assertThat(userVerified.getJsonObject("claims").fieldNames()).containsExactlyInAnyOrder("name", "family_name", "given_name", "address");

        // a refreshed access token carries no 4 information
        OIDCTokenResponse refreshed = (OIDCTokenResponse) token(bankAuth(), new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken()))
                .toSuccessResponse();
        assertThat(new JsonObject(userinfo("DPoP " + refreshed.getOIDCTokens().getAccessToken().getValue()).bodyAsString())
                .fieldNames()).containsExactly("sub");
    }

    @Test
    void clientAndGrantTypeErrors() throws Exception {
        HttpResponse<Buffer> noClient = TestRedis.await(op.web.post("/token").putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("grant_type=authorization_code&code=x&redirect_uri=y&code_verifier=z")));
        assertThat(noClient.statusCode()).isEqualTo(401);
        assertThat(noClient.getHeader("WWW-Authenticate")).contains("invalid_client");
        assertThat(noClient.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
        HttpResponse<Buffer> password = TestRedis.await(op.web.post("/token").putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("grant_type=password&username=a&password=b")));
        assertThat(password.bodyAsJsonObject().getString("error")).isEqualTo("unsupported_grant_type");
        HttpResponse<Buffer> none = TestRedis.await(op.web.post("/token").putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("code=x")));
        assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        HttpResponse<Buffer> huge = TestRedis.await(op.web.post("/token").putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("grant_type=authorization_code&code=" + "x".repeat(op.config.maxRequestBodyBytes()))));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        assertThat(TestRedis.await(op.web.get("/token").send()).statusCode()).isEqualTo(405);
    }

    @Test
    void userinfoRefusesMissingForgedAndExpiredTokens() throws Exception {
        HttpResponse<Buffer> missing = userinfo(null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.getHeader("WWW-Authenticate")).startsWith("Bearer").doesNotContain("error=");
        HttpResponse<Buffer> forged = userinfo("Bearer eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.e30.");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");

        Code code = login(new Scope("openid"), null, CaKind.AUTHENTICATION);
        OIDCTokenResponse tokens = (OIDCTokenResponse) redeem(code).toSuccessResponse();
        // an ID token is not an access token (typ JWT)
        assertThat(userinfo("Bearer " + tokens.getOIDCTokens().getIDTokenString()).statusCode()).isEqualTo(401);
        op.clock.advance(Duration.ofMinutes(6));
        try {
            HttpResponse<Buffer> expired = userinfo("Bearer " + tokens.getOIDCTokens().getAccessToken().getValue());
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.getHeader("WWW-Authenticate")).contains("invalid_token");
        } finally {
            op.clock.advance(Duration.ofMinutes(-6));
        }
    }
}
