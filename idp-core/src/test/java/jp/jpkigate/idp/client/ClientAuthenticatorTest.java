package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.store.ReplayCache;
import jp.jpkigate.idp.testing.OpFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client authentication with a fixed clock and an in-memory replay cache: no Vert.x instance needed. */
class ClientAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");
    private static final String ISSUER = OpFixture.ISSUER;
    private static final JWK PS_KEY = SigningKeys.generateKey(JWSAlgorithm.PS256);
    private static final ClientRegistry CLIENTS = registry();

    private static ClientRegistry registry() {
        String fixture = OpFixture.clientsJson(new JWKSet(PS_KEY.toPublicJWK()));
        // "partner": private_key_jwt but not FAPI, so RFC 9126 section 2's endpoint audiences still apply
        String partner = ",{\"client_id\":\"partner\",\"fapi\":false,\"redirect_uris\":[\"https://partner.example/cb\"],"
                + "\"jwks\":" + new JWKSet(PS_KEY.toPublicJWK()) + "}]";
        try {
            return ClientRegistry.parse(fixture.substring(0, fixture.length() - 1) + partner);
        } catch (ClientRegistryException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ReplayCache in a set; futures complete at once. */
    private static final class MemoryReplayCache implements ReplayCache {
        final Set<String> seen = new HashSet<>();

        @Override
        public Future<Boolean> firstUse(String namespace, String value, Duration ttl) {
            return Future.succeededFuture(seen.add(namespace + "|" + value));
        }
    }

    private final MemoryReplayCache replays = new MemoryReplayCache();
    private final ClientAuthenticator authenticator = new ClientAuthenticator(CLIENTS,
            ClientAuthenticationPolicy.of(ISSUER, OpenIdProviderConfig.defaults(ISSUER).clientAssertionAudiences()), replays,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static String assertion(JWTClaimsSet.Builder claims) throws Exception {
        return assertion(claims, new JWSHeader.Builder(JWSAlgorithm.PS256));
    }

    private static String assertion(JWTClaimsSet.Builder claims, JWSHeader.Builder header) throws Exception {
        SignedJWT jwt = new SignedJWT(header.keyID(PS_KEY.getKeyID()).build(), claims.build());
        jwt.sign(JwsAlgorithms.signer(PS_KEY, JWSAlgorithm.PS256));
        return jwt.serialize();
    }

    /** The claims as JSON, with {@code aud} written as given (Nimbus writes one audience as a string). */
    private static String assertionWithAud(JWTClaimsSet.Builder claims, Object aud) throws Exception {
        Map<String, Object> json = claims.build().toJSONObject();
        json.put("aud", aud);
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(PS_KEY.getKeyID()).build(), new Payload(json));
        jws.sign(JwsAlgorithms.signer(PS_KEY, JWSAlgorithm.PS256));
        return jws.serialize();
    }

    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().issuer("bank").subject("bank").audience(ISSUER).jwtID("j-" + System.nanoTime())
                .expirationTime(Date.from(NOW.plusSeconds(60))).issueTime(Date.from(NOW));
    }

    private Future<RegisteredClient> authenticate(String assertion) throws OAuthException {
        return authenticator.authenticate(ClientCredentials.parse(FormParameters.of(Map.of(
                "client_assertion_type", ClientCredentials.JWT_BEARER, "client_assertion", assertion)), Optional.empty()));
    }

    static String failure(Future<?> future) {
        assertThat(future.failed()).isTrue();
        OAuthException e = (OAuthException) future.cause();
        assertThat(e.error().code()).isEqualTo("invalid_client");
        return e.error().description().orElse("");
    }

    @Test
    void ps256AssertionAuthenticatesOnceOnly() throws Exception {
        String jwt = assertion(valid());
        assertThat(authenticate(jwt).result().clientId()).isEqualTo("bank");
        assertThat(failure(authenticate(jwt))).contains("replayed");
    }

    @Test
    void theSameJtiOfAnotherFreshAssertionIsAReplayToo() throws Exception {
        assertThat(authenticate(assertion(valid().jwtID("same"))).succeeded()).isTrue();
        assertThat(failure(authenticate(assertion(valid().jwtID("same").expirationTime(Date.from(NOW.plusSeconds(120)))))))
                .contains("replayed");
    }

    /** FAPI 2.0 Security Profile §5.3.2.1: "only ... its issuer identifier value ... as a string in the aud claim". */
    @Test
    void aFapiClientsAssertionNamesTheIssuerAsASingleStringOnly() throws Exception {
        assertThat(authenticate(assertion(valid())).succeeded()).isTrue();
        for (Object aud : List.of(ISSUER + "/token", ISSUER + "/par", List.of(ISSUER), List.of(ISSUER, "https://other-as.example"),
                ISSUER + "/", "https://other-as.example")) {
            assertThat(failure(authenticate(assertionWithAud(valid(), aud)))).as(String.valueOf(aud))
                    .contains("aud must be the issuer identifier");
        }
    }

    /** RFC 9126 §2: a non-FAPI client may name the issuer, the token endpoint or the PAR endpoint. */
    @Test
    void anOtherClientsAssertionMayNameTheTokenOrParEndpoint() throws Exception {
        for (Object aud : List.of(ISSUER, ISSUER + "/token", ISSUER + "/par", List.of("https://other-as.example", ISSUER))) {
            assertThat(authenticate(assertionWithAud(partner(), aud)).succeeded()).as(String.valueOf(aud)).isTrue();
        }
        assertThat(failure(authenticate(assertionWithAud(partner(), "https://other-as.example")))).contains("aud");
    }

    private static JWTClaimsSet.Builder partner() {
        return valid().issuer("partner").subject("partner");
    }

    /** RFC 9101 §10.8: a request object ({@code typ} oauth-authz-req+jwt) never passes for a client assertion. */
    @Test
    void anotherKindOfJwtIsNotAClientAssertion() throws Exception {
        for (String typ : List.of("oauth-authz-req+jwt", "at+jwt", "dpop+jwt")) {
            assertThat(failure(authenticate(assertion(valid(), new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType(typ))))))
                    .as(typ).contains("typ");
        }
        for (String typ : List.of("JWT", "client-authentication+jwt", "application/JWT")) {
            assertThat(authenticate(assertion(valid(), new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType(typ))))
                    .succeeded()).as(typ).isTrue();
        }
    }

    @Test
    void timeChecksUseTheInjectedClockWithSkew() throws Exception {
        assertThat(authenticate(assertion(valid().expirationTime(Date.from(NOW.minusSeconds(10))))).succeeded()).isTrue();
        assertThat(failure(authenticate(assertion(valid().expirationTime(Date.from(NOW.minusSeconds(31))))))).contains("expired");
        assertThat(failure(authenticate(assertion(valid().expirationTime(null))))).contains("exp");
        assertThat(failure(authenticate(assertion(valid().notBeforeTime(Date.from(NOW.plusSeconds(60))))))).contains("nbf");
        assertThat(failure(authenticate(assertion(valid().issueTime(Date.from(NOW.plusSeconds(60))))))).contains("iat");
        assertThat(failure(authenticate(assertion(valid().issueTime(Date.from(NOW.minusSeconds(3600))))))).contains("too old");
        assertThat(failure(authenticate(assertion(valid().expirationTime(Date.from(NOW.plusSeconds(331))))))).contains("too far");
    }

    @Test
    void issuerSubjectAndJtiAreRequired() throws Exception {
        assertThat(failure(authenticate(assertion(valid().subject("other"))))).contains("iss and sub");
        assertThat(failure(authenticate(assertion(valid().jwtID(null))))).contains("jti");
        assertThat(failure(authenticate(assertion(valid().issuer("legacy").subject("legacy"))))).contains("client_secret_basic");
    }

    @Test
    void basicForTheSecretClientOnly() throws Exception {
        String header = "Basic " + Base64.getEncoder().encodeToString((OpFixture.LEGACY + ":" + OpFixture.LEGACY_SECRET).getBytes());
        ClientCredentials basic = ClientCredentials.parse(FormParameters.of(Map.of()), Optional.of(header));
        assertThat(basic.toString()).doesNotContain(OpFixture.LEGACY_SECRET);
        assertThat(authenticator.authenticate(basic).result().clientId()).isEqualTo(OpFixture.LEGACY);
        String bank = "Basic " + Base64.getEncoder().encodeToString("bank:whatever".getBytes());
        assertThat(failure(authenticator.authenticate(ClientCredentials.parse(FormParameters.of(Map.of()), Optional.of(bank)))))
                .contains("private_key_jwt");
    }

    @Test
    void twoMethodsAtOnceIsInvalidRequest() {
        String header = "Basic " + Base64.getEncoder().encodeToString("legacy:x".getBytes());
        assertThatThrownBy(() -> ClientCredentials.parse(FormParameters.of(Map.of("client_assertion", "x",
                "client_assertion_type", ClientCredentials.JWT_BEARER)), Optional.of(header)))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error().code()).isEqualTo("invalid_request"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic", "Basic !!!", "Basic " + "Og==", "Basic bGVnYWN5", "basic bGVnYWN5Og=="})
    void malformedBasicIsInvalidClient(String header) {
        assertThatThrownBy(() -> ClientCredentials.parse(FormParameters.of(Map.of()), Optional.of(header)))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error().code()).isEqualTo("invalid_client"));
    }
}
