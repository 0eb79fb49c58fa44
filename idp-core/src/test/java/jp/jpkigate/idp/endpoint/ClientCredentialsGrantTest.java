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
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.util.Map;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.TokenCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code grant_type=client_credentials} (RFC 6749 §4.4) for the back-end API scopes: {@code bank}
 * is registered for it with consent:write and consent:read, {@code legacy} is not. {@code bank} is a
 * FAPI client, so its tokens are DPoP-bound (RFC 9449) as at the code grant.
 */
class ClientCredentialsGrantTest {
    private static final URI PAR = URI.create(OpFixture.ISSUER + "/par");

    @RegisterExtension
    static final LoginFixture op = new LoginFixture();
    private static final TokenCalls calls = new TokenCalls(op);

    /** A client_credentials request without a DPoP proof. */
    private static HttpResponse<Buffer> token(ClientAuthentication client, Scope scope) throws Exception {
        return noStore(op.send(new TokenRequest(TokenCalls.TOKEN, client, new ClientCredentialsGrant(), scope).toHTTPRequest()));
    }

    /** {@code bank}'s request as a FAPI client must send it: with a DPoP proof of the RP's key. */
    private static HttpResponse<Buffer> bankToken(Scope scope) throws Exception {
        return noStore(op.sendToken(new TokenRequest(TokenCalls.TOKEN, op.bankAuth(), new ClientCredentialsGrant(), scope)));
    }

    private static HttpResponse<Buffer> noStore(HttpResponse<Buffer> answer) {
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
        return answer;
    }

    private static String errorOf(HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
        return answer.bodyAsJsonObject().getString("error");
    }

    @Test
    void anApiTokenForTheClientItselfWithoutRefreshOrIdToken() throws Exception {
        HttpResponse<Buffer> answer = bankToken(new Scope("consent:read"));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        JsonObject body = answer.bodyAsJsonObject();
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("access_token", "token_type", "expires_in", "scope");
        assertThat(body.getString("token_type")).isEqualTo("DPoP");
        assertThat(body.getLong("expires_in")).isEqualTo(300L);
        assertThat(body.getString("scope")).isEqualTo("consent:read");

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.parse(op.get("/jwks", null).bodyAsString()))));
        JWTClaimsSet claims = processor.process(body.getString("access_token"), null);
        assertThat(claims.getSubject()).isEqualTo(OpFixture.BANK);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(OpFixture.BANK);
        assertThat(claims.getStringClaim("scope")).isEqualTo("consent:read");
        assertThat(claims.getIssuer()).isEqualTo(OpFixture.ISSUER);
        assertThat(claims.getStringClaim("gid")).hasSize(22);
        assertThat(claims.getClaims()).doesNotContainKeys("auth_time", "acr", "amr");
        assertThat(claims.getJSONObjectClaim("cnf")).as("bound to the RP's DPoP key (RFC 9449 §6.1)")
                .containsExactly(Map.entry("jkt", JwkThumbprint.of(op.rpDpop.getPublicJWK()).value()));

        // no person behind it: userinfo (openid scope) refuses it, even with its DPoP proof
        assertThat(calls.userinfo(new DPoPAccessToken(body.getString("access_token")))).isEqualTo(403);

        HttpResponse<Buffer> all = bankToken(null);
        assertThat(all.bodyAsJsonObject().getString("scope")).as("no scope: the registered API scopes").isEqualTo("consent:write consent:read");
    }

    @Test
    void aFapiClientMustSendADpopProof() throws Exception {
        HttpResponse<Buffer> answer = token(op.bankAuth(), new Scope("consent:read"));
        assertThat(errorOf(answer)).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void aClientNotRegisteredForTheGrantIsUnauthorizedClient() throws Exception {
        assertThat(errorOf(token(new ClientSecretBasic(new ClientID(OpFixture.LEGACY), new Secret(OpFixture.LEGACY_SECRET)),
                new Scope("consent:read")))).isEqualTo("unauthorized_client");
        HttpResponse<Buffer> wrongSecret = token(new ClientSecretBasic(new ClientID(OpFixture.LEGACY), new Secret("nope")), null);
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void personScopesAndUnregisteredApiScopesAreInvalidScope() throws Exception {
        for (Scope scope : new Scope[] {new Scope("openid"), new Scope("name"), new Scope("consent:read", "openid"),
                new Scope("feed:read"), new Scope("telepathy")}) {
            assertThat(errorOf(bankToken(scope))).as(scope.toString()).isEqualTo("invalid_scope");
        }
    }

    @Test
    void apiScopesAreRefusedAtPar() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        for (Scope scope : new Scope[] {new Scope("openid", "consent:read"), new Scope("openid", "consent:write")}) {
            AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, scope,
                    new ClientID(OpFixture.BANK), URI.create(OpFixture.BANK_REDIRECT))
                    .codeChallenge(verifier, CodeChallengeMethod.S256).build();
            HttpResponse<Buffer> pushed = op.send(new PushedAuthorizationRequest(PAR, op.bankAuth(), request).toHTTPRequest());
            assertThat(pushed.statusCode()).as(pushed.bodyAsString()).isEqualTo(400);
            assertThat(pushed.bodyAsJsonObject().getString("error")).isEqualTo("invalid_scope");
        }
        AuthenticationRequest person = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile"),
                new ClientID(OpFixture.BANK), URI.create(OpFixture.BANK_REDIRECT))
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        assertThat(op.send(new PushedAuthorizationRequest(PAR, op.bankAuth(), person).toHTTPRequest()).statusCode())
                .isEqualTo(201);
    }
}
