package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
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
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import jp.jpkigate.idp.dpop.DpopOptions;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.OpFlowFixture;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token slice end to end: PAR → /authorize → a simulator card signs → /continue → Nimbus
 * redeems the code with private_key_jwt, the PKCE verifier and a DPoP proof (the FAPI client gets
 * DPoP-bound tokens), validates the ID token and the JWT access token against the OP's JWKS, calls
 * userinfo and refreshes. Real Redis, a movable clock. DPoP itself: {@link DpopFlowTest}.
 */
class TokenFlowTest {
    private static final URI TOKEN = URI.create(OpFixture.ISSUER + "/token");

    private static OpFlowFixture op;
    private static MutableClock clock;
    private static WebClient web;
    private static ECKey bankKey;
    private static DefaultDPoPProofFactory dpop;

    @BeforeAll
    static void start() throws Exception {
        op = OpFlowFixture.start(DpopOptions.withoutNonces());
        clock = op.clock;
        web = op.web;
        bankKey = op.bankKey;
        dpop = new DefaultDPoPProofFactory(SigningKeys.generateKey(JWSAlgorithm.ES256), JWSAlgorithm.ES256, Jca.BC);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    /** A code and the verifier that redeems it. */
    record Code(String code, CodeVerifier verifier) {
    }

    private static PrivateKeyJWT bankAuth() throws Exception {
        return new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK), new Audience(OpFixture.ISSUER)),
                JWSAlgorithm.ES256, bankKey.toECPrivateKey(), bankKey.getKeyID(), Jca.BC);
    }

    /** Runs the login with the card and returns the code. */
    private static Code login(Scope scope, String claims, CaKind kind) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(ResponseType.CODE, scope,
                new ClientID(OpFixture.BANK), URI.create(OpFixture.BANK_REDIRECT))
                .state(new State()).nonce(new Nonce("n-0S6_WzA2Mj")).codeChallenge(verifier, CodeChallengeMethod.S256);
        if (claims != null) {
            builder.claims(OIDCClaimsRequest.parse(claims));
        }
        HttpResponse<Buffer> pushed = op.send(new PushedAuthorizationRequest(URI.create(OpFixture.ISSUER + "/par"), bankAuth(),
                builder.build()).toHTTPRequest());
        String requestUri = PushedAuthorizationResponse.parse(OpFixture.toNimbus(pushed)).toSuccessResponse().getRequestURI().toString();
        return new Code(op.signIn(requestUri, kind), verifier);
    }

    private static HttpResponse<Buffer> get(String path, String cookie) throws Exception {
        return op.get(path, cookie);
    }

    /** A token request with a DPoP proof (iat from the test's clock), as the FAPI client must send it. */
    private static TokenResponse token(ClientAuthentication auth, AuthorizationGrant grant) throws Exception {
        HTTPRequest http = new TokenRequest(TOKEN, auth, grant).toHTTPRequest();
        http.setDPoP(dpop.createDPoPJWT(new JWTID(), "POST", TOKEN, Date.from(clock.instant()), null));
        HttpResponse<Buffer> answer = op.send(http);
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
        var request = web.get("/userinfo");
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        if (authorization != null && authorization.startsWith("DPoP ")) {
            request.putHeader("DPoP", dpop.createDPoPJWT(new JWTID(), "GET", URI.create(OpFixture.ISSUER + "/userinfo"),
                    Date.from(clock.instant()), new DPoPAccessToken(authorization.substring(5))).serialize());
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

    @Test
    void codeIsSingleUse() throws Exception {
        Code code = login(new Scope("openid"), null, CaKind.AUTHENTICATION);
        assertThat(redeem(code).indicatesSuccess()).isTrue();
        assertThat(errorOf(redeem(code))).isEqualTo("invalid_grant");
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
        clock.advance(Duration.ofSeconds(61));
        try {
            assertThat(errorOf(redeem(late))).isEqualTo("invalid_grant");
        } finally {
            clock.advance(Duration.ofSeconds(-61));
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
        HttpResponse<Buffer> noClient = TestRedis.await(web.post("/token").putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("grant_type=authorization_code&code=x&redirect_uri=y&code_verifier=z")));
        assertThat(noClient.statusCode()).isEqualTo(401);
        assertThat(noClient.getHeader("WWW-Authenticate")).contains("invalid_client");
        assertThat(noClient.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
        HttpResponse<Buffer> password = TestRedis.await(web.post("/token").putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("grant_type=password&username=a&password=b")));
        assertThat(password.bodyAsJsonObject().getString("error")).isEqualTo("unsupported_grant_type");
        HttpResponse<Buffer> none = TestRedis.await(web.post("/token").putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("code=x")));
        assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        assertThat(TestRedis.await(web.get("/token").send()).statusCode()).isEqualTo(405);
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
        clock.advance(Duration.ofMinutes(6));
        try {
            HttpResponse<Buffer> expired = userinfo("Bearer " + tokens.getOIDCTokens().getAccessToken().getValue());
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.getHeader("WWW-Authenticate")).contains("invalid_token");
        } finally {
            clock.advance(Duration.ofMinutes(-6));
        }
    }
}
