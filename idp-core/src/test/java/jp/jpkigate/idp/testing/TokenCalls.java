package jp.jpkigate.idp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.testing.TestRedis;

/**
 * The token calls of introspection and revocation tests against a {@link LoginFixture}, built with
 * Nimbus and sent over the Vert.x client: a person's login for {@code bank}, refresh, userinfo,
 * {@code /introspect} and {@code /revoke}. {@code bank} is a FAPI client: its token requests carry
 * the fixture's DPoP proofs ({@link LoginFixture#sendToken}) and its access tokens are DPoP-bound.
 */
public final class TokenCalls {
    public static final URI TOKEN = URI.create(OpFixture.ISSUER + "/token");
    public static final URI INTROSPECT = URI.create(OpFixture.ISSUER + "/introspect");
    public static final URI REVOKE = URI.create(OpFixture.ISSUER + "/revoke");

    private final LoginFixture op;

    public TokenCalls(LoginFixture op) {
        this.op = op;
    }

    /** {@code legacy}'s HTTP Basic credentials. */
    public static ClientSecretBasic legacy() {
        return new ClientSecretBasic(new ClientID(OpFixture.LEGACY), new Secret(OpFixture.LEGACY_SECRET));
    }

    /** The person logs in to {@code bank} with the card's authentication certificate; bank redeems the code. */
    public OIDCTokens login(Scope scope) throws Exception {
        LoginFixture.Page page = op.authorize(scope);
        op.sign(page.txn(), op.card, CaKind.AUTHENTICATION);
        String code = LoginFixture.codeOf(op.continueApproving(page));
        TokenResponse response = token(new AuthorizationCodeGrant(new AuthorizationCode(code),
                URI.create(OpFixture.BANK_REDIRECT), page.verifier()));
        assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    /** {@code bank} at the token endpoint, with a DPoP proof of the RP's key (a FAPI client must send one). */
    public TokenResponse token(AuthorizationGrant grant) throws Exception {
        return OIDCTokenResponseParser.parse(OpFixture.toNimbus(op.sendToken(new TokenRequest(TOKEN, op.bankAuth(), grant))));
    }

    /**
     * {@code bank}'s client_credentials request ({@code scope} may be null), with a DPoP proof: the
     * token is DPoP-bound. The answer asserted successful.
     */
    public TokenResponse clientCredentials(Scope scope) throws Exception {
        TokenResponse response = TokenResponse.parse(OpFixture.toNimbus(op.sendToken(
                new TokenRequest(TOKEN, op.bankAuth(), new ClientCredentialsGrant(), scope))));
        assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
        return response;
    }

    public TokenResponse refresh(RefreshToken token) throws Exception {
        return token(new RefreshTokenGrant(token));
    }

    /**
     * The status of {@code GET /userinfo} with this access token: a DPoP one ({@code token_type} DPoP)
     * as {@code DPoP} with a proof of the RP's key carrying {@code ath}, any other as {@code Bearer}.
     */
    public int userinfo(AccessToken token) throws Exception {
        var request = op.web.get("/userinfo");
        if (token instanceof DPoPAccessToken) {
            request.putHeader("Authorization", "DPoP " + token.getValue())
                    .putHeader("DPoP", op.dpopProof("GET", "/userinfo", token.getValue(), null).serialize());
        } else {
            request.putHeader("Authorization", "Bearer " + token.getValue());
        }
        return TestRedis.await(request.send()).statusCode();
    }

    /** A hand-made form POST, with an {@code Authorization} header unless it is null. */
    public HttpResponse<Buffer> post(String path, String authorization, String body) throws Exception {
        var request = op.web.post(path).putHeader("Content-Type", "application/x-www-form-urlencoded");
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        return TestRedis.await(request.sendBuffer(Buffer.buffer(body)));
    }

    public HttpResponse<Buffer> introspect(ClientAuthentication client, Token token) throws Exception {
        return op.send(new TokenIntrospectionRequest(INTROSPECT, client, token).toHTTPRequest());
    }

    /** Introspection asking for the RFC 9701 JWT response. */
    public HttpResponse<Buffer> introspectAsJwt(ClientAuthentication client, Token token) throws Exception {
        HTTPRequest http = new TokenIntrospectionRequest(INTROSPECT, client, token).toHTTPRequest();
        http.setAccept("application/token-introspection+jwt");
        return op.send(http);
    }

    public HttpResponse<Buffer> revoke(ClientAuthentication client, Token token) throws Exception {
        return op.send(new TokenRevocationRequest(REVOKE, client, token).toHTTPRequest());
    }
}
