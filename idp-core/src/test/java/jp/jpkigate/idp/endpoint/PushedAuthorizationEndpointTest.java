package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.PushedAuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.testing.OpFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import jp.jpkigate.testing.TestRedis;

/** {@code POST /par} driven by Nimbus oauth2-oidc-sdk as the client, against a real Redis. */
class PushedAuthorizationEndpointTest {
    private static OpFixture op;

    @BeforeAll
    static void start() throws Exception {
        op = OpFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static AuthenticationRequest.Builder authRequest() {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile"),
                new ClientID(OpFixture.BANK), URI.create(OpFixture.BANK_REDIRECT))
                .state(new State())
                .nonce(new Nonce())
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256);
    }

    /** Nimbus's own private_key_jwt, audience = the issuer (FAPI 2.0). */
    private static ClientAuthentication bankAuth() throws Exception {
        return new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK), new Audience(OpFixture.ISSUER)),
                JWSAlgorithm.ES256, op.bankEcKey.toECPrivateKey(), op.bankEcKey.getKeyID(), Jca.BC);
    }

    private static HTTPResponse push(ClientAuthentication auth, AuthorizationRequest request) throws Exception {
        return op.send(new PushedAuthorizationRequest(URI.create(op.parEndpoint()), auth, request).toHTTPRequest());
    }

    private static ErrorObject error(HTTPResponse response) throws Exception {
        PushedAuthorizationResponse parsed = PushedAuthorizationResponse.parse(response);
        assertThat(parsed.indicatesSuccess()).as("expected an error, got %s", response.getBody()).isFalse();
        assertThat(response.getHeaderValue("Cache-Control")).isEqualTo("no-store");
        return ((PushedAuthorizationErrorResponse) parsed).getErrorObject();
    }

    @Test
    void nimbusPushesWithPrivateKeyJwtAndTheRequestIsStoredForOneUse() throws Exception {
        AuthenticationRequest sent = authRequest().maxAge(600).build();
        HTTPResponse response = push(bankAuth(), sent);
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaderValue("Cache-Control")).isEqualTo("no-store");
        PushedAuthorizationSuccessResponse success = PushedAuthorizationResponse.parse(response).toSuccessResponse();
        assertThat(success.getLifetime()).isEqualTo(60);
        String requestUri = success.getRequestURI().toString();
        assertThat(requestUri).startsWith("urn:ietf:params:oauth:request_uri:");
        assertThat(Base64URL.from(requestUri.substring(requestUri.lastIndexOf(':') + 1)).decode()).hasSizeGreaterThanOrEqualTo(16);

        Optional<jp.jpkigate.idp.par.AuthorizationRequest> stored = TestRedis.await(op.pushedRequests.consume(requestUri));
        assertThat(stored).isPresent();
        assertThat(stored.get().clientId()).isEqualTo(OpFixture.BANK);
        assertThat(stored.get().redirectUri()).isEqualTo(URI.create(OpFixture.BANK_REDIRECT));
        assertThat(stored.get().scopes()).containsExactly("openid", "profile");
        assertThat(stored.get().state()).contains(sent.getState().getValue());
        assertThat(stored.get().nonce()).contains(sent.getNonce().getValue());
        assertThat(stored.get().codeChallenge().value()).isEqualTo(sent.getCodeChallenge().getValue());
        assertThat(stored.get().maxAge()).hasValue(600);
        assertThat(TestRedis.await(op.pushedRequests.consume(requestUri))).isEmpty();
    }

    /** FAPI 2.0 Security Profile §5.3.2.1: only the issuer identifier, as a string (not Nimbus's endpoint default). */
    @Test
    void fapiClientAssertionAudienceIsTheIssuerAsAStringOnly() throws Exception {
        ClientAuthentication parAudience = new PrivateKeyJWT(new ClientID(OpFixture.BANK), URI.create(op.parEndpoint()),
                JWSAlgorithm.ES256, op.bankEcKey.toECPrivateKey(), op.bankEcKey.getKeyID(), Jca.BC);
        HTTPResponse refused = push(parAudience, authRequest().build());
        assertThat(refused.getStatusCode()).isEqualTo(401);
        assertThat(error(refused).getDescription()).contains("aud must be the issuer identifier, as a single string");
        JWTClaimsSet twoAudiences = new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK),
                List.of(new Audience(OpFixture.ISSUER), new Audience("https://other-as.example")),
                Date.from(Instant.now().plusSeconds(60)), null, new Date(), new JWTID()).toJWTClaimsSet();
        assertInvalidClient(esSigned(twoAudiences, op.bankEcKey).serialize(), "single string");
        // ["issuer"]: the right value, but an array (Nimbus writes one audience as a string, so the JSON is built here)
        Map<String, Object> json = claims(OpFixture.ISSUER, Instant.now().plusSeconds(60)).toJSONObject();
        json.put("aud", List.of(OpFixture.ISSUER));
        JWSObject arrayAud = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(op.bankEcKey.getKeyID()).build(),
                new Payload(json));
        arrayAud.sign(jp.jpkigate.idp.key.JwsAlgorithms.signer(op.bankEcKey, JWSAlgorithm.ES256));
        assertInvalidClient(arrayAud.serialize(), "single string");
        assertThat(push(bankAuth(), authRequest().build()).getStatusCode()).as("the issuer as a string").isEqualTo(201);
    }

    @Test
    void eddsaClientAssertionIsAccepted() throws Exception {
        SignedJWT jwt = assertion(claims(OpFixture.ISSUER, Instant.now().plusSeconds(60)), JWSAlgorithm.EdDSA, op.bankEdKey.getKeyID());
        jwt.sign(jp.jpkigate.idp.key.JwsAlgorithms.signer(op.bankEdKey, JWSAlgorithm.EdDSA));
        // Nimbus's PrivateKeyJWT refuses EdDSA assertions, so this one is posted as a plain form.
        HttpResponse<Buffer> answer = pushWithAssertion(jwt.serialize(), OpFixture.BANK);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        assertThat(PushedAuthorizationResponse.parse(OpFixture.toNimbus(answer)).indicatesSuccess()).isTrue();
    }

    @Test
    void replayedClientAssertionIsInvalidClient() throws Exception {
        ClientAuthentication auth = bankAuth();
        assertThat(push(auth, authRequest().build()).getStatusCode()).isEqualTo(201);
        HTTPResponse replay = push(auth, authRequest().build());
        assertThat(replay.getStatusCode()).isEqualTo(401);
        assertThat(replay.getHeaderValue("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(error(replay).getCode()).isEqualTo("invalid_client");
        assertThat(error(replay).getDescription()).contains("replayed");
    }

    private static JWTClaimsSet claims(String audience, Instant exp) {
        return new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK), List.of(new Audience(audience)),
                Date.from(exp), null, new Date(), new JWTID()).toJWTClaimsSet();
    }

    private static SignedJWT assertion(JWTClaimsSet claims, JWSAlgorithm alg, String kid) {
        return new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
    }

    private static SignedJWT esSigned(JWTClaimsSet claims, ECKey key) throws Exception {
        SignedJWT jwt = assertion(claims, JWSAlgorithm.ES256, key.getKeyID());
        jwt.sign(jp.jpkigate.idp.key.JwsAlgorithms.signer(key, JWSAlgorithm.ES256));
        return jwt;
    }

    private static void assertInvalidClient(String assertion, String descriptionPart) throws Exception {
        assertInvalidClient(assertion, descriptionPart, OpFixture.BANK);
    }

    private static HttpResponse<Buffer> pushWithAssertion(String assertion, String clientId) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        authRequest().build().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        form.put("client_id", clientId);
        return op.post("/par", encode(form), Map.of());
    }

    private static void assertInvalidClient(String assertion, String descriptionPart, String clientId) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        authRequest().build().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        form.put("client_id", clientId);
        HttpResponse<Buffer> answer = op.post("/par", encode(form), Map.of());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.getHeader("WWW-Authenticate")).isNotNull();
        JsonObject body = answer.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo("invalid_client");
        assertThat(body.getString("error_description")).contains(descriptionPart);
    }

    @Test
    void wrongAudienceIsInvalidClient() throws Exception {
        assertInvalidClient(esSigned(claims("https://other.example", Instant.now().plusSeconds(60)), op.bankEcKey).serialize(), "aud");
    }

    @Test
    void expiredAssertionIsInvalidClient() throws Exception {
        assertInvalidClient(esSigned(claims(OpFixture.ISSUER, Instant.now().minusSeconds(120)), op.bankEcKey).serialize(), "expired");
    }

    @Test
    void farFutureExpiryIsInvalidClient() throws Exception {
        assertInvalidClient(esSigned(claims(OpFixture.ISSUER, Instant.now().plusSeconds(3600)), op.bankEcKey).serialize(), "exp");
    }

    @Test
    void unknownKidIsInvalidClient() throws Exception {
        ECKey other = new ECKeyGenerator(Curve.P_256).keyID("unknown-kid").generate();
        assertInvalidClient(esSigned(claims(OpFixture.ISSUER, Instant.now().plusSeconds(60)), other).serialize(), "kid");
    }

    @Test
    void keyOfAnotherPartyWithTheRightKidIsInvalidClient() throws Exception {
        ECKey forged = new ECKeyGenerator(Curve.P_256).keyID(op.bankEcKey.getKeyID()).generate();
        assertInvalidClient(esSigned(claims(OpFixture.ISSUER, Instant.now().plusSeconds(60)), forged).serialize(), "signature");
    }

    @Test
    void algNoneIsInvalidClient() throws Exception {
        assertInvalidClient(new PlainJWT(claims(OpFixture.ISSUER, Instant.now().plusSeconds(60))).serialize(), "signed JWT");
    }

    @Test
    void hs256IsInvalidClient() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(OpFixture.ISSUER, Instant.now().plusSeconds(60)));
        jwt.sign(new MACSigner(new byte[32]));
        assertInvalidClient(jwt.serialize(), "algorithm");
    }

    @Test
    void unknownClientIsInvalidClient() throws Exception {
        JWTClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID("nobody"), new Audience(OpFixture.ISSUER)).toJWTClaimsSet();
        assertInvalidClient(esSigned(claims, op.bankEcKey).serialize(), "unknown client", "nobody");
    }

    @Test
    void secretClientAuthenticatesWithBasic() throws Exception {
        AuthorizationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(OpFixture.LEGACY), URI.create("http://localhost:8080/cb"))
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build();
        assertThat(push(new ClientSecretBasic(new ClientID(OpFixture.LEGACY), new Secret(OpFixture.LEGACY_SECRET)), request)
                .getStatusCode()).isEqualTo(201);
        HTTPResponse wrong = push(new ClientSecretBasic(new ClientID(OpFixture.LEGACY), new Secret("wrong")), request);
        assertThat(error(wrong).getCode()).isEqualTo("invalid_client");
        assertThat(wrong.getStatusCode()).isEqualTo(401);
    }

    @Test
    void fapiClientUsingASecretIsInvalidClient() throws Exception {
        HTTPResponse response = push(new ClientSecretBasic(new ClientID(OpFixture.BANK), new Secret(OpFixture.LEGACY_SECRET)),
                authRequest().build());
        assertThat(error(response).getCode()).isEqualTo("invalid_client");
        assertThat(error(response).getDescription()).contains("private_key_jwt");
    }

    @Test
    void noClientAuthenticationIsInvalidClient() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        authRequest().build().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        HttpResponse<Buffer> answer = op.post("/par", encode(form), Map.of());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
    }

    /** Each row: a parameter to set (or remove with an empty value), the expected error and status. */
    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "code_challenge|         |invalid_request",
            "code_challenge_method|  |invalid_request",
            "code_challenge_method|plain|invalid_request",
            "code_challenge|tooShort|invalid_request",
            "redirect_uri|https://rp.bank.example/cb/|invalid_request",
            "redirect_uri|https://evil.example/cb|invalid_request",
            "scope|openid gender|invalid_scope",
            "scope|openid unknown|invalid_scope",
            "scope|profile|invalid_scope",
            "prompt|none login|invalid_request",
            "prompt|sometimes|invalid_request",
            "max_age|-1|invalid_request",
            "max_age|ten|invalid_request",
            "claims|{\"id_token\":|invalid_request",
            "claims|[1]|invalid_request",
            "claims|{\"userinfo\":3}|invalid_request",
            "request_uri|urn:ietf:params:oauth:request_uri:abc|invalid_request",
            "request|eyJhbGciOiJub25lIn0.e30.|invalid_request_object",
            "response_type|token|unsupported_response_type",
            "response_type|code id_token|unsupported_response_type",
            "client_id|legacy|invalid_client",
            "state|tab\there|invalid_request",
    })
    void badAuthorizationParametersGetTheSpecError(String name, String value, String expected) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        authRequest().build().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        if (value == null) {
            form.remove(name);
        } else {
            form.put(name, value.replace("\\t", "\t"));
        }
        form.putAll(new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK), new Audience(OpFixture.ISSUER)),
                JWSAlgorithm.ES256, op.bankEcKey.toECPrivateKey(), op.bankEcKey.getKeyID(), Jca.BC)
                .toParameters().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0))));
        HttpResponse<Buffer> answer = op.post("/par", encode(form), Map.of());
        JsonObject body = answer.bodyAsJsonObject();
        assertThat(body.getString("error")).as(body.encode()).isEqualTo(expected);
        assertThat(answer.statusCode()).isEqualTo(expected.equals("invalid_client") ? 401 : 400);
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void repeatedParameterIsInvalidRequest() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        authRequest().build().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        form.putAll(((PrivateKeyJWT) bankAuth()).toParameters().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0))));
        HttpResponse<Buffer> answer = op.post("/par", encode(form) + "&scope=openid", Map.of());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        assertThat(answer.bodyAsJsonObject().getString("error_description")).contains("repeated");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        HttpResponse<Buffer> answer = op.post("/par", "state=" + "a".repeat(9000), Map.of());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
    }

    @Test
    void jsonBodyIsInvalidRequestAndGetIs405() throws Exception {
        HttpResponse<Buffer> json = op.post("/par", "{}", Map.of("Content-Type", "application/json"));
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
        HttpResponse<Buffer> get = op.get("/par");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
