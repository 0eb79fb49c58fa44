package jp.jpkigate.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.key.SigningKeys;

/**
 * A relying party built from Nimbus oauth2-oidc-sdk and nothing else on the protocol side:
 * discovery, PAR with {@code private_key_jwt}, the authorization response, the token request and
 * response, {@link IDTokenValidator}, an RFC 9068 access-token check, userinfo and refresh — over
 * Nimbus's own (blocking) HTTP, so only ever from the JUnit thread.
 *
 * <p>The client is a FAPI client, so PAR, token and userinfo requests carry a DPoP proof (RFC 9449)
 * of the RP's one key, made by Nimbus's {@link DPoPProofFactory}: the code is bound to the key at
 * PAR, the access tokens are DPoP tokens. The RP keeps the OP's last {@code DPoP-Nonce} and sends a
 * request once more with a fresh one when the OP answers {@code use_dpop_nonce} (§8).
 */
public final class NimbusRp {
    private final String redirectUri;
    private final ECKey clientKey;
    private final OIDCProviderMetadata op;
    private final ClientID clientId = new ClientID(RunningGateway.CLIENT_ID);
    private final DefaultDPoPProofFactory dpop;
    /** The OP's last {@code DPoP-Nonce}; null before the first answer. */
    private Nonce dpopNonce;

    NimbusRp(RunningGateway gateway) throws Exception {
        this(gateway.issuer(), gateway.redirectUri(), gateway.clientKey());
    }

    /** The client {@link RunningGateway#CLIENT_ID} with {@code clientKey}, of the OP at {@code issuer} (discovery now). */
    public NimbusRp(String issuer, String redirectUri, ECKey clientKey) throws Exception {
        this.redirectUri = redirectUri;
        this.clientKey = clientKey;
        this.op = OIDCProviderMetadata.resolve(new Issuer(issuer));
        this.dpop = new DefaultDPoPProofFactory(SigningKeys.generateKey(JWSAlgorithm.ES256), JWSAlgorithm.ES256, Jca.BC);
    }

    /** RFC 7638 thumbprint of the RP's DPoP key: the {@code cnf.jkt} its access tokens must carry. */
    String dpopJkt() throws Exception {
        return dpop.getPublicJWK().computeThumbprint().toString();
    }

    /** Builds one request to the OP; called again for a retry, so a client assertion is never sent twice. */
    @FunctionalInterface
    private interface Request {
        HTTPRequest build() throws Exception;
    }

    /**
     * Sends the request with a DPoP proof ({@code ath} for an access token) and the OP's last nonce;
     * once more with the nonce the answer brings if the OP asks for a fresh one.
     */
    private HTTPResponse sendWithDpop(Request request, AccessToken accessToken) throws Exception {
        HTTPResponse http = sendOnce(request, accessToken);
        return asksForNonce(http) ? sendOnce(request, accessToken) : http;
    }

    private HTTPResponse sendOnce(Request request, AccessToken accessToken) throws Exception {
        HTTPRequest http = request.build();
        http.setDPoP(dpop.createDPoPJWT(http.getMethod().name(), http.getURI(), accessToken, dpopNonce));
        HTTPResponse response = http.send();
        if (response.getDPoPNonce() != null) {
            dpopNonce = response.getDPoPNonce();
        }
        return response;
    }

    /** RFC 9449 §8 (authorization server: a 400 error body) and §9 (resource server: the DPoP challenge). */
    private static boolean asksForNonce(HTTPResponse http) throws Exception {
        if (http.getStatusCode() == 400) {
            return OAuth2Error.USE_DPOP_NONCE_CODE.equals(ErrorObject.parse(http).getCode());
        }
        return http.getStatusCode() == 401 && http.getWWWAuthenticate() != null
                && http.getWWWAuthenticate().contains("error=\"" + OAuth2Error.USE_DPOP_NONCE_CODE + "\"");
    }

    OIDCProviderMetadata provider() {
        return op;
    }

    /** A pushed authorization request: the URL to send the browser to, and what the RP keeps. */
    public record Pushed(URI authorization, State state, Nonce nonce, CodeVerifier verifier) {
    }

    public Pushed push(Scope scope, OIDCClaimsRequest claims) throws Exception {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE, scope, clientId,
                URI.create(redirectUri)).state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256);
        if (claims != null) {
            request.claims(claims);
        }
        HTTPResponse http = sendWithDpop(() -> new PushedAuthorizationRequest(op.getPushedAuthorizationRequestEndpointURI(),
                clientAuth(), request.build()).toHTTPRequest(), null);
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(http);
        assertThat(pushed.indicatesSuccess()).as(http.getBody()).isTrue();
        URI authorization = new AuthenticationRequest.Builder(pushed.toSuccessResponse().getRequestURI(), clientId)
                .endpointURI(op.getAuthorizationEndpointURI()).build().toURI();
        return new Pushed(authorization, state, nonce, verifier);
    }

    /** Checks the authorization response (state, RFC 9207 iss) and redeems its code. */
    public OIDCTokens redeem(URI callback, Pushed pushed) throws Exception {
        AuthorizationResponse response = AuthorizationResponse.parse(callback);
        assertThat(response.indicatesSuccess()).as(callback.toString()).isTrue();
        AuthorizationSuccessResponse success = response.toSuccessResponse();
        assertThat(success.getState()).isEqualTo(pushed.state());
        assertThat(success.getIssuer()).isEqualTo(op.getIssuer());
        return token(new AuthorizationCodeGrant(success.getAuthorizationCode(), URI.create(redirectUri),
                pushed.verifier()));
    }

    public OIDCTokens refresh(RefreshToken refreshToken) throws Exception {
        return token(new RefreshTokenGrant(refreshToken));
    }

    private OIDCTokens token(AuthorizationGrant grant) throws Exception {
        HTTPResponse http = sendWithDpop(() -> new TokenRequest(op.getTokenEndpointURI(), clientAuth(), grant).toHTTPRequest(),
                null);
        TokenResponse response = OIDCTokenResponseParser.parse(http);
        assertThat(response.indicatesSuccess()).as(http.getBody()).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    /** The ID token's claims once {@link IDTokenValidator} accepted it (signature by the JWKS, iss, aud, nonce, times). */
    public JsonObject validateIdToken(OIDCTokens tokens, Nonce nonce) throws Exception {
        IDTokenValidator validator = new IDTokenValidator(op.getIssuer(), clientId, JWSAlgorithm.ES256,
                op.getJWKSetURI().toURL());
        return new JsonObject(validator.validate(tokens.getIDToken(), nonce).toJSONObject());
    }

    /** RFC 9068 §4: typ at+jwt, signed by the OP's JWKS, iss, the userinfo audience, the required claims. */
    JsonObject validateAccessToken(AccessToken token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.<SecurityContext>create(op.getJWKSetURI().toURL()).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(op.getUserInfoEndpointURI().toString(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(op.getIssuer().getValue()).build(),
                Set.of("sub", "exp", "iat", "jti", "client_id")));
        return new JsonObject(processor.process(token.getValue(), null).toJSONObject());
    }

    /** Userinfo with the DPoP token and a proof for it (RFC 9449 §7). */
    JsonObject userinfo(DPoPAccessToken token) throws Exception {
        HTTPResponse http = sendWithDpop(() -> new UserInfoRequest(op.getUserInfoEndpointURI(), token).toHTTPRequest(), token);
        UserInfoResponse response = UserInfoResponse.parse(http);
        assertThat(response.indicatesSuccess()).as(http.getBody()).isTrue();
        Map<String, Object> claims = response.toSuccessResponse().getUserInfo().toJSONObject();
        return new JsonObject(claims);
    }

    /** FAPI 2.0 §5.3.2.1: the assertion's {@code aud} is the issuer identifier. */
    private PrivateKeyJWT clientAuth() throws Exception {
        return new PrivateKeyJWT(clientId, URI.create(op.getIssuer().getValue()), JWSAlgorithm.ES256, clientKey.toECPrivateKey(),
                clientKey.getKeyID(), Jca.BC);
    }
}
