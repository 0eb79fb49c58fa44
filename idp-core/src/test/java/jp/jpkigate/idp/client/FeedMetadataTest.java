package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.client.FeedMetadata.DeliveryMethod;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.store.ReplayCache;
import jp.jpkigate.idp.testing.OpFixture;
import org.junit.jupiter.api.Test;

/** The feed members of client metadata and the client's {@code "use": "enc"} keys. */
class FeedMetadataTest {
    private static final JWK SIG = SigningKeys.generateKey(JWSAlgorithm.ES256);
    private static final ECKey EC_ENC = ecEnc("enc-ec");
    private static final RSAKey RSA_ENC = rsaEnc("enc-rsa", 2048);

    static ECKey ecEnc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsaEnc(String kid, int bits) {
        try {
            return new RSAKeyGenerator(bits, true).keyUse(KeyUse.ENCRYPTION).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keys(JWK... keys) {
        StringBuilder out = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.length; i++) {
            out.append(i == 0 ? "" : ",").append(keys[i].toPublicJWK().toJSONString());
        }
        return out.append("]}").toString();
    }

    /** A private_key_jwt client with the given extra members. */
    private static String client(String members) {
        return "[{\"client_id\":\"bank\",\"redirect_uris\":[\"https://rp.bank.example/cb\"]" + (members.isEmpty() ? "" : "," + members) + "}]";
    }

    private static RegisteredClient read(String json) throws ClientRegistryException {
        return ClientRegistry.parse(json).find("bank").orElseThrow();
    }

    private static String problems(String json) {
        try {
            ClientRegistry.parse(json);
        } catch (ClientRegistryException e) {
            return String.join("\n", e.problems());
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void pushClientWithAnEcEncryptionKey() throws Exception {
        RegisteredClient bank = read(client("\"jwks\":" + keys(SIG, EC_ENC) + ",\"feed_delivery_method\":\"urn:ietf:rfc:8935\","
                + "\"feed_endpoint_url\":\"https://rp.bank.example/events\""));
        assertThat(bank.feed().deliveryMethod()).contains(DeliveryMethod.PUSH);
        assertThat(bank.feed().endpointUrl()).contains(URI.create("https://rp.bank.example/events"));
        assertThat(bank.feed().encryptionKeys().getKeys()).extracting(JWK::getKeyID).containsExactly("enc-ec");
        assertThat(bank.jwks().orElseThrow().getKeys()).extracting(JWK::getKeyID).containsExactly(SIG.getKeyID());
        assertThat(FeedEncryptionKeys.choose(bank.feed().encryptionKeys()).map(FeedEncryptionKeys::algorithmOf))
                .contains(Optional.of(FeedEncryptionKeys.EC_ALGORITHM));
        assertThat(bank.toString()).contains("feed push");
    }

    @Test
    void pollClientWithAnRsaKeyAndASecret() throws Exception {
        String json = "[{\"client_id\":\"bank\",\"fapi\":false,\"token_endpoint_auth_method\":\"client_secret_basic\","
                + "\"client_secret_sha256\":\"" + "ab".repeat(32) + "\",\"redirect_uris\":[\"https://rp.bank.example/cb\"],"
                + "\"jwks\":" + keys(RSA_ENC) + ",\"feed_delivery_method\":\"urn:ietf:rfc:8936\"}]";
        RegisteredClient bank = read(json);
        assertThat(bank.feed().deliveryMethod()).contains(DeliveryMethod.POLL);
        assertThat(bank.feed().endpointUrl()).isEmpty();
        assertThat(FeedEncryptionKeys.algorithmOf(bank.feed().encryptionKeys().getKeys().get(0)))
                .contains(FeedEncryptionKeys.RSA_ALGORITHM);
        assertThat(bank.jwks()).isEmpty();
        // A secret client's jwks holds encryption keys only.
        assertThat(problems(json.replace(keys(RSA_ENC), keys(SIG, RSA_ENC)))).contains("is a signature key");
    }

    @Test
    void aJwksUriClientPublishesItsEncryptionKeyThere() throws Exception {
        RegisteredClient bank = read(client("\"jwks_uri\":\"https://rp.bank.example/jwks\",\"feed_delivery_method\":\"urn:ietf:rfc:8936\""));
        assertThat(bank.feed().enabled()).isTrue();
        assertThat(bank.feed().encryptionKeys().getKeys()).isEmpty();
        JWKSet fetched = new JWKSet(java.util.List.of(SIG.toPublicJWK(), EC_ENC.toPublicJWK(), ecEnc(null).toPublicJWK()));
        assertThat(FeedEncryptionKeys.of(fetched).getKeys()).extracting(JWK::getKeyID).containsExactly("enc-ec");
        assertThat(ClientKeys.usable(fetched).getKeys()).extracting(JWK::getKeyID).containsExactly(SIG.getKeyID());
    }

    @Test
    void clientsWithoutFeedMembersHaveNone() throws Exception {
        assertThat(read(client("\"jwks\":" + keys(SIG))).feed()).isEqualTo(FeedMetadata.NONE);
        assertThat(FeedMetadata.NONE.enabled()).isFalse();
    }

    @Test
    void mistakesAreRefusedWithAClearProblem() throws Exception {
        String push = "\"feed_delivery_method\":\"urn:ietf:rfc:8935\"";
        String url = ",\"feed_endpoint_url\":\"https://rp.bank.example/events\"";
        assertThat(problems(client("\"jwks\":" + keys(SIG) + "," + push + url))).contains("needs the client's encryption key");
        assertThat(problems(client("\"jwks\":" + keys(SIG, EC_ENC) + "," + push))).contains("needs feed_endpoint_url");
        assertThat(problems(client("\"jwks\":" + keys(SIG, EC_ENC) + ",\"feed_delivery_method\":\"urn:ietf:rfc:8936\"" + url)))
                .contains("feed_endpoint_url is only used with push");
        assertThat(problems(client("\"jwks\":" + keys(SIG, EC_ENC) + ",\"feed_delivery_method\":\"push\"")))
                .contains("feed_delivery_method must be");
        assertThat(problems(client("\"jwks\":" + keys(SIG, EC_ENC) + ",\"feed_delivery_method\":8935")))
                .contains("feed_delivery_method must be");
        assertThat(problems(client("\"jwks\":" + keys(SIG, EC_ENC) + url))).contains("feed_endpoint_url needs");
        assertThat(problems(client("\"jwks\":" + keys(SIG, EC_ENC)))).contains("only used with feed_delivery_method");
        for (String bad : new String[] {"http://rp.bank.example/events", "https://rp.bank.example/e#x", "/events", "ftp://x/"}) {
            assertThat(problems(client("\"jwks\":" + keys(SIG, EC_ENC) + "," + push + ",\"feed_endpoint_url\":\"" + bad + "\"")))
                    .as(bad).contains("feed_endpoint_url");
        }
        assertThat(read(client("\"jwks\":" + keys(SIG, EC_ENC) + "," + push + ",\"feed_endpoint_url\":\"http://127.0.0.1:8099/events\""))
                .feed().endpointUrl()).isPresent();
        // an enc key alone cannot authenticate a private_key_jwt client
        assertThat(problems(client("\"jwks\":" + keys(EC_ENC) + "," + push + url))).contains("needs a signature key");
    }

    @Test
    void onlyP256AndLargeRsaKeysWithAKidEncrypt() throws Exception {
        String feed = ",\"feed_delivery_method\":\"urn:ietf:rfc:8936\"";
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.ENCRYPTION).keyID("p384").generate();
        RSAKey small = rsaEnc("small", 1024);
        JWK x25519 = JWK.parse("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"use\":\"enc\",\"kid\":\"x\",\"x\":\""
                + "A".repeat(43) + "\"}");
        ECKey wrongAlg = new ECKey.Builder(EC_ENC.toPublicJWK()).algorithm(com.nimbusds.jose.JWEAlgorithm.ECDH_ES).build();
        ECKey rightAlg = new ECKey.Builder(EC_ENC.toPublicJWK()).algorithm(com.nimbusds.jose.JWEAlgorithm.ECDH_ES_A256KW).build();
        for (JWK bad : new JWK[] {p384, small, x25519, wrongAlg, ecEnc(null)}) {
            assertThat(problems(client("\"jwks\":" + keys(SIG, bad) + feed))).as(bad.getKeyID()).contains("encryption key");
        }
        assertThat(problems(client("\"jwks\":{\"keys\":[" + SIG.toPublicJWK().toJSONString() + "," + EC_ENC.toJSONString() + "]}" + feed)))
                .contains("private");
        assertThat(problems(client("\"jwks\":" + keys(SIG, EC_ENC, ecEnc("enc-ec")) + feed))).contains("repeated");
        assertThat(read(client("\"jwks\":" + keys(SIG, rightAlg) + feed)).feed().encryptionKeys().getKeys()).hasSize(1);
    }

    @Test
    void theAdminApiValidatorReadsTheSameMembers() {
        Map<String, Object> metadata = new java.util.LinkedHashMap<>(Map.of("client_id", "bank",
                "redirect_uris", java.util.List.of("https://rp.bank.example/cb"), "feed_delivery_method", "urn:ietf:rfc:8936",
                "jwks", new JWKSet(java.util.List.of(SIG.toPublicJWK(), EC_ENC.toPublicJWK())).toJSONObject()));
        ClientMetadataValidator.Result result = new ClientMetadataValidator(Set.of()).validate(metadata);
        assertThat(result.problems()).isEmpty();
        assertThat(result.client().orElseThrow().feed().deliveryMethod()).contains(DeliveryMethod.POLL);
    }

    /** A client's encryption key is never a key for its assertions, even when the key could sign ES256. */
    @Test
    void anEncryptionKeyNeverVerifiesAClientAssertion() throws Exception {
        String issuer = OpFixture.ISSUER;
        ClientRegistry clients = ClientRegistry.parse(client("\"jwks\":" + keys(SIG, EC_ENC) + ",\"feed_delivery_method\":\"urn:ietf:rfc:8936\""));
        Instant now = Instant.parse("2026-04-01T00:00:00Z");
        Set<String> seen = new HashSet<>();
        ReplayCache replays = (namespace, value, ttl) -> Future.succeededFuture(seen.add(namespace + value));
        ClientAuthenticator authenticator = new ClientAuthenticator(clients, ClientAuthenticationPolicy.of(issuer,
                OpenIdProviderConfig.defaults(issuer).clientAssertionAudiences()), replays, Clock.fixed(now, ZoneOffset.UTC));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("bank").subject("bank").audience(issuer).jwtID("j1")
                .expirationTime(Date.from(now.plusSeconds(60))).issueTime(Date.from(now)).build();
        SignedJWT byEncKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("enc-ec").build(), claims);
        byEncKey.sign(JwsAlgorithms.signer(new ECKey.Builder(EC_ENC).keyUse(null).build(), JWSAlgorithm.ES256));
        Future<RegisteredClient> refused = authenticator.authenticate(ClientCredentials.parse(FormParameters.of(Map.of(
                "client_assertion_type", ClientCredentials.JWT_BEARER, "client_assertion", byEncKey.serialize())), Optional.empty()));
        assertThat(refused.failed()).isTrue();
        assertThat(((OAuthException) refused.cause()).error().code()).isEqualTo("invalid_client");
        SignedJWT bySigKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(SIG.getKeyID()).build(),
                new JWTClaimsSet.Builder(claims).jwtID("j2").build());
        bySigKey.sign(JwsAlgorithms.signer(SIG, JWSAlgorithm.ES256));
        assertThat(authenticator.authenticate(ClientCredentials.parse(FormParameters.of(Map.of(
                "client_assertion_type", ClientCredentials.JWT_BEARER, "client_assertion", bySigKey.serialize())), Optional.empty()))
                .succeeded()).isTrue();
        assertThatThrownBy(() -> new FeedMetadata(Optional.of(DeliveryMethod.POLL), Optional.of(URI.create("https://x/")), new JWKSet()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
