package jp.jpkigate.idp.requestobject;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import jp.jpkigate.idp.client.ClientKeys;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.RequestObjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every defence of request object verification, one spoiled member at a time, with a fixed clock
 * and inline client keys (the futures complete at once: no Vert.x instance needed).
 */
class RequestObjectHandlerTest {
    private static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");
    private static final String REDIRECT = OpFixture.BANK_REDIRECT;
    private static final ECKey EC = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
    private static final RSAKey RSA = (RSAKey) SigningKeys.generateKey(JWSAlgorithm.PS256);
    private static final OctetKeyPair ED = (OctetKeyPair) SigningKeys.generateKey(JWSAlgorithm.EdDSA);
    private static final ClientRegistry CLIENTS = registry();
    private static final RegisteredClient BANK = CLIENTS.find(OpFixture.BANK).orElseThrow();
    private static final RegisteredClient SIGNER = CLIENTS.find("signer").orElseThrow();
    private static final RegisteredClient LEGACY = CLIENTS.find(OpFixture.LEGACY).orElseThrow();

    private final RequestObjectHandler handler = new RequestObjectHandler(RequestObjectPolicy.fapi(OpFixture.ISSUER, false),
            ClientKeys.inline(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static ClientRegistry registry() {
        String bank = OpFixture.clientsJson(new JWKSet(List.<JWK>of(EC, RSA, ED)).toPublicJWKSet());
        String signer = "{\"client_id\":\"signer\",\"redirect_uris\":[\"" + REDIRECT + "\"],\"require_signed_request_object\":true,"
                + "\"jwks\":" + new JWKSet(EC).toPublicJWKSet() + "}";
        try {
            return ClientRegistry.parse(bank.substring(0, bank.length() - 1) + "," + signer + "]");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestObjectBuilder valid() {
        return RequestObjectBuilder.of(OpFixture.BANK, REDIRECT, NOW);
    }

    private Future<FormParameters> send(RegisteredClient client, String request, String... more) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("request", request);
        for (int i = 0; i < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return handler.parameters(client, FormParameters.of(params));
    }

    private static String refusal(Future<?> future, String expectedCode) {
        assertThat(future.failed()).as("expected %s, got %s", expectedCode, future.result()).isTrue();
        OAuthException e = (OAuthException) future.cause();
        assertThat(e.error().code()).isEqualTo(expectedCode);
        return e.error().description().orElse("");
    }

    @Test
    void theRequestObjectsParametersReplaceAllOthers() {
        String request = valid().claim("max_age", 600L).claim("claims", Map.of("id_token", Map.of("acr", Map.of("essential", true))))
                .claim("trust_chain", List.of("ignored")).signedWith(EC);
        FormParameters params = send(BANK, request, "redirect_uri", "https://evil.example/cb", "scope", "openid profile",
                "client_id", OpFixture.BANK).result();
        assertThat(params.get("redirect_uri")).contains(REDIRECT);
        assertThat(params.get("scope")).contains("openid");
        assertThat(params.get("max_age")).contains("600");
        assertThat(params.get("claims").orElseThrow()).contains("\"essential\":true");
        assertThat(params.asMap()).doesNotContainKeys("iss", "aud", "exp", "nbf", "iat", "jti", "request", "trust_chain");
    }

    @Test
    void es256Ps256AndEdDsaAreAcceptedAndTheTypMayBeLeftOutOrJwt() {
        for (JWK key : List.of(EC, RSA, ED)) {
            assertThat(send(BANK, valid().signedWith(key)).succeeded()).as(key.getKeyType().getValue()).isTrue();
        }
        assertThat(send(BANK, valid().type(null).signedWith(EC)).succeeded()).isTrue();
        assertThat(send(BANK, valid().type("JWT").signedWith(EC)).succeeded()).isTrue();
        assertThat(send(BANK, valid().type("application/oauth-authz-req+JWT").signedWith(EC)).succeeded()).isTrue();
    }

    @Test
    void algNoneIsRefused() {
        assertThat(refusal(send(BANK, valid().unsigned()), "invalid_request_object")).contains("must be signed");
    }

    @Test
    void hs256KeyedWithTheClientSecretIsRefused() throws Exception {
        byte[] secret = (OpFixture.LEGACY_SECRET + OpFixture.LEGACY_SECRET).getBytes(StandardCharsets.UTF_8);
        String request = RequestObjectBuilder.of(OpFixture.LEGACY, "http://localhost:8080/cb", NOW)
                .signedWith(new MACSigner(secret), JWSAlgorithm.HS256, null);
        assertThat(refusal(send(LEGACY, request), "invalid_request_object")).contains("algorithm must be ES256, PS256 or EdDSA");
    }

    @Test
    void aClientWithoutKeysCannotSignRequestObjects() {
        String request = RequestObjectBuilder.of(OpFixture.LEGACY, "http://localhost:8080/cb", NOW).signedWith(EC);
        assertThat(refusal(send(LEGACY, request), "invalid_request_object")).contains("keys");
    }

    @Test
    void encryptedRequestObjectsAreRefused() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A128GCM),
                new JWTClaimsSet.Builder().issuer(OpFixture.BANK).build());
        jwe.encrypt(new DirectEncrypter(new byte[16]));
        assertThat(refusal(send(BANK, jwe.serialize()), "invalid_request_object")).contains("encrypted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.e30", "eyJhbGciOiJFUzI1NiJ9.WzFd.AAAA", "...."})
    void malformedValuesAreInvalidRequestObject(String request) {
        assertThat(send(BANK, request).failed()).isTrue();
        refusal(send(BANK, request), "invalid_request_object");
    }

    static Stream<Arguments> spoiled() {
        return Stream.of(
                Arguments.of("aud another AS", spoil(b -> b.claim("aud", "https://other-as.example")), "aud"),
                Arguments.of("aud the PAR endpoint", spoil(b -> b.claim("aud", OpFixture.ISSUER + "/par")), "aud"),
                Arguments.of("aud with a trailing slash", spoil(b -> b.claim("aud", OpFixture.ISSUER + "/")), "aud"),
                Arguments.of("aud missing", spoil(b -> b.claim("aud", null)), "aud"),
                Arguments.of("exp missing", spoil(b -> b.claim("exp", null)), "needs exp"),
                Arguments.of("exp passed", spoil(b -> b.claim("nbf", NOW.minusSeconds(600)).claim("exp", NOW.minusSeconds(31))), "expired"),
                Arguments.of("nbf missing", spoil(b -> b.claim("nbf", null)), "needs nbf"),
                Arguments.of("nbf in the future", spoil(b -> b.claim("nbf", NOW.plusSeconds(60)).claim("exp", NOW.plusSeconds(360))),
                        "nbf in the future"),
                Arguments.of("nbf over 60 minutes old", spoil(b -> b.claim("nbf", NOW.minus(Duration.ofMinutes(61)))
                        .claim("exp", NOW.plusSeconds(60))), "60 minutes in the past"),
                Arguments.of("exp - nbf over 60 minutes", spoil(b -> b.claim("exp", NOW.plus(Duration.ofMinutes(60)).plusSeconds(1))),
                        "over 60 minutes"),
                Arguments.of("exp before nbf", spoil(b -> b.claim("nbf", NOW.plusSeconds(20)).claim("exp", NOW.plusSeconds(10))),
                        "after nbf"),
                Arguments.of("iss another client", spoil(b -> b.claim("iss", OpFixture.LEGACY)), "iss"),
                Arguments.of("iss missing", spoil(b -> b.claim("iss", null)), "iss"),
                Arguments.of("client_id another client", spoil(b -> b.claim("client_id", OpFixture.LEGACY)), "client_id"),
                Arguments.of("client_id missing", spoil(b -> b.claim("client_id", null)), "client_id"),
                Arguments.of("sub the client", spoil(b -> b.claim("sub", OpFixture.BANK)), "sub"),
                Arguments.of("request_uri inside", spoil(b -> b.claim("request_uri", "urn:ietf:params:oauth:request_uri:x")),
                        "request_uri"),
                Arguments.of("request inside", spoil(b -> b.claim("request", "a.b.c")), "request"),
                Arguments.of("redirect_uri a number", spoil(b -> b.claim("redirect_uri", 5L)), "wrong JSON type"),
                Arguments.of("scope an array", spoil(b -> b.claim("scope", List.of("openid"))), "wrong JSON type"),
                Arguments.of("exp a string", spoil(b -> b.claim("exp", "tomorrow")), "claims set"),
                Arguments.of("typ of an access token", spoil(b -> b.type("at+jwt")), "typ"),
                Arguments.of("typ of a DPoP proof", spoil(b -> b.type("dpop+jwt")), "typ"));
    }

    private static UnaryOperator<RequestObjectBuilder> spoil(UnaryOperator<RequestObjectBuilder> f) {
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiled")
    void eachSpoiledMemberIsInvalidRequestObject(String name, UnaryOperator<RequestObjectBuilder> spoil, String described) {
        assertThat(refusal(send(BANK, spoil.apply(valid()).signedWith(EC)), "invalid_request_object")).contains(described);
    }

    @Test
    void exactlySixtyMinutesFromNbfAndAnAudienceArrayHoldingTheIssuerAreAccepted() {
        assertThat(send(BANK, valid().claim("exp", NOW.plus(Duration.ofMinutes(60))).signedWith(EC)).succeeded()).isTrue();
        assertThat(send(BANK, valid().claim("nbf", NOW.minus(Duration.ofMinutes(59))).claim("exp", NOW.plusSeconds(60))
                .signedWith(EC)).succeeded()).isTrue();
        assertThat(send(BANK, valid().claim("aud", List.of("https://other-as.example", OpFixture.ISSUER)).signedWith(EC))
                .succeeded()).isTrue();
    }

    @Test
    void aKeyOutsideTheClientsJwksIsRefused() {
        ECKey stranger = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        assertThat(refusal(send(BANK, valid().signedWith(stranger)), "invalid_request_object")).contains("no key of the client");
        ECKey forged = new ECKey.Builder((ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256)).keyID(EC.getKeyID()).build();
        assertThat(refusal(send(BANK, valid().signedWith(forged)), "invalid_request_object")).contains("signature invalid");
    }

    @Test
    void critHeadersAreRefused() throws Exception {
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(EC.getKeyID()).criticalParams(java.util.Set.of("exp")).customParam("exp", 1).build(),
                new com.nimbusds.jose.Payload(Map.of("iss", OpFixture.BANK)));
        jws.sign(jp.jpkigate.idp.key.JwsAlgorithms.signer(EC, JWSAlgorithm.ES256));
        assertThat(refusal(send(BANK, jws.serialize()), "invalid_request_object")).contains("crit");
    }

    @Test
    void theOuterClientIdMustBeTheClientsAndRequestUriCannotComeAlong() {
        String request = valid().signedWith(EC);
        assertThat(refusal(send(BANK, request, "client_id", OpFixture.LEGACY), "invalid_request")).contains("client_id");
        assertThat(refusal(send(BANK, request, "request_uri", "urn:ietf:params:oauth:request_uri:x"), "invalid_request"))
                .contains("request_uri");
    }

    @Test
    void aClientRegisteredWithRequireSignedRequestObjectCannotSendPlainParameters() {
        FormParameters plain = FormParameters.of(Map.of("client_id", "signer", "response_type", "code", "redirect_uri", REDIRECT));
        assertThat(handler.required(SIGNER)).isTrue();
        assertThat(handler.required(BANK)).isFalse();
        assertThat(refusal(handler.parameters(SIGNER, plain), "invalid_request")).contains("signed request object");
        assertThat(handler.parameters(BANK, plain).result()).isSameAs(plain);
        assertThat(send(SIGNER, RequestObjectBuilder.of("signer", REDIRECT, NOW).signedWith(EC)).succeeded()).isTrue();
    }

    @Test
    void theOpsRequireSignedRequestObjectAppliesToEveryClient() {
        RequestObjectHandler strict = new RequestObjectHandler(RequestObjectPolicy.fapi(OpFixture.ISSUER, true),
                ClientKeys.inline(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(strict.required(BANK)).isTrue();
        assertThat(strict.required(LEGACY)).isTrue();
        assertThat(refusal(strict.parameters(BANK, FormParameters.of(Map.of("response_type", "code"))), "invalid_request"))
                .contains("signed request object");
    }
}
