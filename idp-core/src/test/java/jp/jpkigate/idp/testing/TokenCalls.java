package jp.jpkigate.idp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
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
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.util.Date;
import java.util.List;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.testing.TestRedis;

/**
 * The token calls of introspection and revocation tests against a {@link LoginFixture}, built with
 * Nimbus and sent over the Vert.x client: a person's login for {@code bank}, refresh, userinfo,
 * {@code /introspect} and {@code /revoke}.
 */
public final class TokenCalls {
    public static final URI TOKEN = URI.create(OpFixture.ISSUER + "/token");
    public static final URI INTROSPECT = URI.create(OpFixture.ISSUER + "/introspect");
    public static final URI REVOKE = URI.create(OpFixture.ISSUER + "/revoke");

    private final LoginFixture op;

    public TokenCalls(LoginFixture op) {
        this.op = op;
    }

    /** {@code bank}'s private_key_jwt, timed by the fixture's clock (so it passes after the test moved the clock). */
    public PrivateKeyJWT bankAuth() throws Exception {
        Date now = Date.from(op.clock.instant());
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK),
                List.of(new Audience(OpFixture.ISSUER)), Date.from(op.clock.instant().plusSeconds(60)), now, now, new JWTID());
        return new PrivateKeyJWT(claims, JWSAlgorithm.ES256, op.bankKey.toECPrivateKey(), op.bankKey.getKeyID(), Jca.BC);
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

    /** {@code bank} at the token endpoint. */
    public TokenResponse token(AuthorizationGrant grant) throws Exception {
        return OIDCTokenResponseParser.parse(OpFixture.toNimbus(op.send(new TokenRequest(TOKEN, bankAuth(), grant).toHTTPRequest())));
    }

    /** {@code bank}'s client_credentials request ({@code scope} may be null); the answer asserted successful. */
    public TokenResponse clientCredentials(Scope scope) throws Exception {
        TokenResponse response = TokenResponse.parse(OpFixture.toNimbus(op.send(
                new TokenRequest(TOKEN, bankAuth(), new ClientCredentialsGrant(), scope).toHTTPRequest())));
        assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
        return response;
    }

    public TokenResponse refresh(RefreshToken token) throws Exception {
        return token(new RefreshTokenGrant(token));
    }

    /** The status of {@code GET /userinfo} with this access token. */
    public int userinfo(AccessToken token) throws Exception {
        return TestRedis.await(op.web.get("/userinfo").putHeader("Authorization", "Bearer " + token.getValue()).send())
                .statusCode();
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
