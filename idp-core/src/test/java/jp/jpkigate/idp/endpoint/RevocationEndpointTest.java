package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.TokenCalls;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /revoke} (RFC 7009) end to end: tokens from a real card login, real Redis, requests built by Nimbus. */
class RevocationEndpointTest {
    @RegisterExtension
    static final LoginFixture op = new LoginFixture();
    private static final TokenCalls calls = new TokenCalls(op);

    private static void revoked(ClientAuthentication client, Token token) throws Exception {
        HttpResponse<Buffer> answer = calls.revoke(client, token);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        assertThat(answer.bodyAsString()).isNullOrEmpty();
    }

    private static String errorOf(TokenResponse response) {
        assertThat(response.indicatesSuccess()).isFalse();
        return ((TokenErrorResponse) response).getErrorObject().getCode();
    }

    private static OIDCTokens refreshed(RefreshToken token) throws Exception {
        TokenResponse response = calls.refresh(token);
        assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    @Test
    void revokingARefreshTokenEndsItsFamilyAndTheGrantsAccessTokens() throws Exception {
        OIDCTokens first = calls.login(new Scope("openid"));
        OIDCTokens second = refreshed(first.getRefreshToken());
        assertThat(calls.userinfo(first.getAccessToken())).isEqualTo(200);

        revoked(op.bankAuth(), second.getRefreshToken());

        assertThat(errorOf(calls.refresh(second.getRefreshToken()))).isEqualTo("invalid_grant");
        for (AccessToken access : new AccessToken[] {first.getAccessToken(), second.getAccessToken()}) {
            assertThat(calls.userinfo(access)).isEqualTo(401);
        }
        revoked(op.bankAuth(), second.getRefreshToken()); // again: nothing left, still 200
    }

    @Test
    void revokingARotatedAwayRefreshTokenOfItsOwnAlsoEndsTheFamily() throws Exception {
        OIDCTokens first = calls.login(new Scope("openid"));
        OIDCTokens second = refreshed(first.getRefreshToken());
        revoked(op.bankAuth(), first.getRefreshToken());
        assertThat(errorOf(calls.refresh(second.getRefreshToken()))).isEqualTo("invalid_grant");
    }

    @Test
    void revokingAnAccessTokenRevokesItsGrant() throws Exception {
        OIDCTokens tokens = calls.login(new Scope("openid"));
        OIDCTokens unrelated = calls.login(new Scope("openid"));
        revoked(op.bankAuth(), tokens.getAccessToken());
        assertThat(calls.userinfo(tokens.getAccessToken())).isEqualTo(401);
        assertThat(errorOf(calls.refresh(tokens.getRefreshToken()))).isEqualTo("invalid_grant");
        assertThat(calls.userinfo(unrelated.getAccessToken())).isEqualTo(200);
        assertThat(calls.refresh(unrelated.getRefreshToken()).indicatesSuccess()).isTrue();
    }

    @Test
    void anotherClientsTokensAre200AndKeepWorking() throws Exception {
        OIDCTokens tokens = calls.login(new Scope("openid"));
        revoked(TokenCalls.legacy(), tokens.getRefreshToken());
        revoked(TokenCalls.legacy(), tokens.getAccessToken());
        assertThat(calls.userinfo(tokens.getAccessToken())).isEqualTo(200);
        assertThat(calls.refresh(tokens.getRefreshToken()).indicatesSuccess()).isTrue();
    }

    @Test
    void aClientCredentialsTokenCanBeRevoked() throws Exception {
        AccessToken token = calls.clientCredentials(new Scope("consent:read")).toSuccessResponse().getTokens().getAccessToken();
        HttpResponse<Buffer> before = calls.introspect(op.bankAuth(), token);
        assertThat(before.bodyAsJsonObject().getBoolean("active")).isTrue();
        revoked(op.bankAuth(), token);
        assertThat(calls.introspect(op.bankAuth(), token).bodyAsJsonObject().getBoolean("active")).isFalse();
    }

    @Test
    void unknownTokensAre200AndRequestErrorsAreOAuthErrors() throws Exception {
        revoked(op.bankAuth(), new BearerAccessToken("not-a-token"));
        revoked(op.bankAuth(), new RefreshToken("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        HttpResponse<Buffer> anonymous = calls.post("/revoke", null, "token=abc");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.getHeader("WWW-Authenticate")).contains("invalid_client");
        HttpResponse<Buffer> noToken = calls.post("/revoke", TokenCalls.legacy().toHTTPAuthorizationHeader(), "token_type_hint=refresh_token");
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(noToken.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        assertThat(TestRedis.await(op.web.get("/revoke").send()).statusCode()).isEqualTo(405);
    }
}
