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
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.TokenCalls;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /introspect} (RFC 7662, RFC 9701) end to end: tokens from a real card login, real
 * Redis, a clock the test moves; requests and answers through Nimbus.
 */
class IntrospectionEndpointTest {
    @RegisterExtension
    static final LoginFixture op = new LoginFixture();
    private static final TokenCalls calls = new TokenCalls(op);

    private static TokenIntrospectionSuccessResponse introspect(ClientAuthentication client,
                                                                Token token) throws Exception {
        HttpResponse<Buffer> answer = calls.introspect(client, token);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
        return TokenIntrospectionResponse.parse(OpFixture.toNimbus(answer)).toSuccessResponse();
    }

    /** RFC 7662 §2.2: an inactive token is {"active": false} and nothing else, whatever the reason. */
    private static void assertInactive(ClientAuthentication client,
                                       Token token) throws Exception {
        HttpResponse<Buffer> answer = calls.introspect(client, token);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyAsJsonObject().getMap()).containsExactly(Map.entry("active", false));
    }

    @Test
    void withoutClientAuthenticationIs401AndWithoutTokenIs400() throws Exception {
        HttpResponse<Buffer> anonymous = calls.post("/introspect", null, "token=abc");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.getHeader("WWW-Authenticate")).contains("invalid_client");
        assertThat(anonymous.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
        HttpResponse<Buffer> wrongSecret = calls.introspect(new ClientSecretBasic(
                new ClientID(OpFixture.LEGACY), new Secret("wrong")), new BearerAccessToken("abc"));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> noToken = calls.post("/introspect", TokenCalls.legacy().toHTTPAuthorizationHeader(), "token_type_hint=access_token");
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(noToken.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        assertThat(TestRedis.await(op.web.get("/introspect").send()).statusCode()).isEqualTo(405);
    }

    @Test
    void anActiveAccessTokenAndRefreshTokenAreDescribedToTheirClient() throws Exception {
        OIDCTokens tokens = calls.login(new Scope("openid", "profile"));
        TokenIntrospectionSuccessResponse access = introspect(op.bankAuth(), tokens.getAccessToken());
        String sub = tokens.getIDToken().getJWTClaimsSet().getSubject();
        assertThat(access.isActive()).isTrue();
        assertThat(access.getScope()).isEqualTo(new Scope("openid", "profile"));
        assertThat(access.getClientID()).isEqualTo(new ClientID(OpFixture.BANK));
        assertThat(access.getSubject().getValue()).isEqualTo(sub);
        assertThat(access.getIssuer()).isEqualTo(new Issuer(OpFixture.ISSUER));
        assertThat(access.getAudience()).containsExactly(new Audience(OpFixture.ISSUER + "/userinfo"));
        assertThat(access.getTokenType()).as("bank is FAPI: DPoP-bound").isEqualTo(AccessTokenType.DPOP);
        assertThat(access.toJSONObject().get("cnf")).isEqualTo(Map.of("jkt", JwkThumbprint.of(op.rpDpop.getPublicJWK()).value()));
        assertThat(access.getExpirationTime().toInstant()).isEqualTo(op.clock.instant().plusSeconds(300));
        assertThat(access.getIssueTime().toInstant()).isEqualTo(op.clock.instant());
        assertThat(access.getStringParameter("acr")).isEqualTo("urn:jpkigate:acr:jpki-auth");
        assertThat(access.getNumberParameter("auth_time")).isNotNull();
        assertThat(access.getJWTID()).isNotNull();
        assertThat(access.toJSONObject()).doesNotContainKeys("gid", "amr");

        TokenIntrospectionSuccessResponse refresh = introspect(op.bankAuth(), tokens.getRefreshToken());
        assertThat(refresh.isActive()).isTrue();
        assertThat(refresh.getClientID()).isEqualTo(new ClientID(OpFixture.BANK));
        assertThat(refresh.getSubject().getValue()).isEqualTo(sub);
        assertThat(refresh.getScope()).isEqualTo(new Scope("openid", "profile"));
        assertThat(refresh.getExpirationTime().toInstant()).isAfter(op.clock.instant().plus(Duration.ofDays(13)));
        assertThat(refresh.getStringParameter("acr")).isEqualTo("urn:jpkigate:acr:jpki-auth");
        assertThat(refresh.toJSONObject()).doesNotContainKey("token_type");
    }

    @Test
    void anotherClientLearnsNothingOfBanksTokens() throws Exception {
        OIDCTokens tokens = calls.login(new Scope("openid"));
        assertInactive(TokenCalls.legacy(), tokens.getRefreshToken());
        assertInactive(TokenCalls.legacy(), tokens.getAccessToken());
        assertThat(introspect(op.bankAuth(), tokens.getRefreshToken()).isActive()).as("still bank's").isTrue();
    }

    @Test
    void expiredRotatedAwayForgedAndIdTokensAreInactive() throws Exception {
        OIDCTokens tokens = calls.login(new Scope("openid"));
        assertThat(calls.refresh(tokens.getRefreshToken()).indicatesSuccess()).isTrue();
        assertInactive(op.bankAuth(), tokens.getRefreshToken());
        assertInactive(op.bankAuth(), new RefreshToken(tokens.getRefreshToken().getValue().substring(0, 23) + "A".repeat(43)));
        assertInactive(op.bankAuth(), new BearerAccessToken(tokens.getIDTokenString()));
        assertInactive(op.bankAuth(), new BearerAccessToken("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.e30."));
        String at = tokens.getAccessToken().getValue();
        assertInactive(op.bankAuth(), new BearerAccessToken(at.substring(0, at.length() - 4) + "AAAA"));

        assertThat(introspect(op.bankAuth(), tokens.getAccessToken()).isActive()).isTrue();
        op.clock.advance(Duration.ofMinutes(5));
        try {
            assertInactive(op.bankAuth(), tokens.getAccessToken());
        } finally {
            op.clock.advance(Duration.ofMinutes(-5));
        }
    }

    @Test
    void theTokensOfARevokedGrantAreInactive() throws Exception {
        LoginFixture.Page page = op.authorize(new Scope("openid"));
        op.sign(page.txn(), op.card, CaKind.AUTHENTICATION);
        String code = LoginFixture.codeOf(op.continueApproving(page));
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(OpFixture.BANK_REDIRECT),
                page.verifier());
        OIDCTokens tokens = ((OIDCTokenResponse) calls.token(grant).toSuccessResponse())
                .getOIDCTokens();
        assertThat(introspect(op.bankAuth(), tokens.getAccessToken()).isActive()).isTrue();
        assertThat(calls.token(grant).indicatesSuccess()).as("the code replayed: the grant is revoked").isFalse();
        assertInactive(op.bankAuth(), tokens.getAccessToken());
        assertInactive(op.bankAuth(), tokens.getRefreshToken());
    }

    @Test
    void theJwtResponseVerifiesWithTheJwksAndNamesTheClient() throws Exception {
        OIDCTokens tokens = calls.login(new Scope("openid"));
        HttpResponse<Buffer> answer = calls.introspectAsJwt(op.bankAuth(), tokens.getAccessToken());
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/token-introspection+jwt");
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("token-introspection+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.parse(op.get("/jwks", null).bodyAsString()))));
        JWTClaimsSet claims = processor.process(answer.bodyAsString(), null);
        assertThat(claims.getIssuer()).isEqualTo(OpFixture.ISSUER);
        assertThat(claims.getAudience()).containsExactly(OpFixture.BANK);
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(op.clock.instant());
        assertThat(claims.getSubject()).isNull();
        assertThat(claims.getExpirationTime()).isNull();
        JsonObject introspection = new JsonObject(claims.getJSONObjectClaim("token_introspection"));
        assertThat(introspection.getBoolean("active")).isTrue();
        assertThat(introspection.getString("client_id")).isEqualTo(OpFixture.BANK);
        assertThat(introspection.getString("sub")).isEqualTo(tokens.getIDToken().getJWTClaimsSet().getSubject());

        HttpResponse<Buffer> inactive = calls.introspectAsJwt(TokenCalls.legacy(), tokens.getAccessToken());
        JWTClaimsSet forLegacy = processor.process(inactive.bodyAsString(), null);
        assertThat(forLegacy.getAudience()).containsExactly(OpFixture.LEGACY);
        assertThat(forLegacy.getJSONObjectClaim("token_introspection")).containsExactly(Map.entry("active", false));
    }

    @Test
    void discoveryAnnouncesIntrospectionRevocationAndClientCredentials() throws Exception {
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(op.get("/.well-known/openid-configuration", null).bodyAsString());
        assertThat(metadata.getIntrospectionEndpointURI()).isEqualTo(TokenCalls.INTROSPECT);
        assertThat(metadata.getRevocationEndpointURI()).isEqualTo(TokenCalls.REVOKE);
        assertThat(metadata.getIntrospectionEndpointAuthMethods()).isEqualTo(metadata.getTokenEndpointAuthMethods());
        assertThat(metadata.getRevocationEndpointAuthMethods()).isEqualTo(metadata.getTokenEndpointAuthMethods());
        assertThat(metadata.getIntrospectionEndpointJWSAlgs()).isEqualTo(metadata.getTokenEndpointJWSAlgs());
        assertThat(metadata.getRevocationEndpointJWSAlgs()).isEqualTo(metadata.getTokenEndpointJWSAlgs());
        assertThat(metadata.getGrantTypes()).contains(GrantType.CLIENT_CREDENTIALS);
        assertThat(metadata.getScopes().toStringList()).contains("consent:write", "consent:read", "feed:read");
        assertThat(new JsonObject(metadata.toJSONObject()).getJsonArray("introspection_signing_alg_values_supported").getList())
                .containsExactly("ES256");
    }

    @Test
    void acceptHeaderParsing() {
        assertThat(IntrospectionEndpoint.acceptsJwt(List.of("application/token-introspection+jwt"))).isTrue();
        assertThat(IntrospectionEndpoint.acceptsJwt(List.of("application/json, Application/Token-Introspection+JWT;q=0.5")))
                .isTrue();
        assertThat(IntrospectionEndpoint.acceptsJwt(List.of("application/token-introspection+jwt;q=0"))).isFalse();
        assertThat(IntrospectionEndpoint.acceptsJwt(List.of("application/json", "*/*"))).isFalse();
        assertThat(IntrospectionEndpoint.acceptsJwt(List.of())).isFalse();
        assertThat(IntrospectionEndpoint.acceptsJwt(List.of(";;,,", ";", ",", ""))).isFalse();
    }

    @Test
    void aClientCredentialsTokenIsDescribedWithTheClientAsSubject() throws Exception {
        var token = calls.clientCredentials(null).toSuccessResponse().getTokens().getAccessToken();
        TokenIntrospectionSuccessResponse described = introspect(op.bankAuth(), token);
        assertThat(described.isActive()).isTrue();
        assertThat(described.getSubject().getValue()).isEqualTo(OpFixture.BANK);
        assertThat(described.getClientID()).isEqualTo(new ClientID(OpFixture.BANK));
        assertThat(described.getScope()).isEqualTo(new Scope("consent:write", "consent:read"));
        assertThat(described.toJSONObject()).doesNotContainKeys("acr", "auth_time");
        assertThat(described.getTokenType()).isEqualTo(AccessTokenType.DPOP);
        assertThat(described.toJSONObject().get("cnf")).isEqualTo(Map.of("jkt", JwkThumbprint.of(op.rpDpop.getPublicJWK()).value()));
        assertInactive(TokenCalls.legacy(), token);
    }
}
