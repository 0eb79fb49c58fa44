package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import jp.jpkigate.idp.key.SigningKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Malformed feed members and encryption keys end in a client or a {@link ClientRegistryException},
 * never another exception; an accepted client's encryption keys never reach its signature keys.
 */
class FeedMetadataProperties {
    private static final JWK SIG = SigningKeys.generateKey(JWSAlgorithm.ES256).toPublicJWK();
    private static final String ENC = FeedMetadataTest.ecEnc("e1").toPublicJWK().toJSONString();

    @Property(tries = 400)
    void feedMembersAreAClientOrTheTypedError(@ForAll("clients") String json) {
        try {
            ClientRegistry registry = ClientRegistry.parse(json);
            for (RegisteredClient c : registry.all()) {
                c.jwks().ifPresent(set -> assertThat(set.getKeys()).allSatisfy(k ->
                        assertThat(FeedEncryptionKeys.isEncryptionKey(k)).isFalse()));
                assertThat(c.feed().encryptionKeys().getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
                assertThat(c.feed().endpointUrl().isPresent())
                        .isEqualTo(c.feed().deliveryMethod().orElse(null) == FeedMetadata.DeliveryMethod.PUSH);
            }
        } catch (ClientRegistryException e) {
            assertThat(e.problems()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> clients() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "7", "[]", "{}", "\"\"", "\"urn:ietf:rfc:8935\"", "\"urn:ietf:rfc:8936\"",
                        "\"urn:ietf:rfc:8935 \"", "\"https://rp.example/events\"", "\"http://localhost:1/e\"",
                        "\"http://rp.example/e\"", "\"https://rp.example/e#f\"", "\"%zz\"", "\"http://[::1\"",
                        "[\"urn:ietf:rfc:8935\"]"),
                Arbitraries.strings().ofMaxLength(10).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""));
        Arbitrary<String> key = Arbitraries.of(SIG.toJSONString(), ENC,
                ENC.replace("\"enc\"", "\"sig\""), ENC.replace("\"enc\"", "\"wrap\""), ENC.replace("\"kid\":\"e1\",", ""),
                ENC.replace("P-256", "P-384"), ENC.replace("\"x\":\"", "\"x\":\"A"), "{\"kty\":\"oct\",\"k\":\"AAAA\",\"use\":\"enc\"}",
                "{\"kty\":\"RSA\",\"use\":\"enc\",\"kid\":\"r\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "{\"use\":\"enc\"}", "7", "null");
        Arbitrary<String> jwks = key.list().ofMaxSize(3).map(ks -> "{\"keys\":[" + String.join(",", ks) + "]}");
        Arbitrary<String> method = value.injectNull(0.2);
        Arbitrary<String> url = value.injectNull(0.3);
        Arbitrary<String> keys = Arbitraries.oneOf(jwks.map(j -> "\"jwks\":" + j),
                Arbitraries.of("\"jwks_uri\":\"https://rp.example/jwks\"", "\"jwks\":7"));
        Arbitrary<String> auth = Arbitraries.of("", ",\"fapi\":false,\"token_endpoint_auth_method\":\"client_secret_basic\","
                + "\"client_secret_sha256\":\"" + "ab".repeat(32) + "\"");
        return Combinators.combine(method, url, keys, auth).as((m, u, k, a) -> "[{\"client_id\":\"c\","
                + "\"redirect_uris\":[\"https://rp.example/cb\"]," + k + a
                + (m == null ? "" : ",\"feed_delivery_method\":" + m) + (u == null ? "" : ",\"feed_endpoint_url\":" + u) + "}]");
    }
}
