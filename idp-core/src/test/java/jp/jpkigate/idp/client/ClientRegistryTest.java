package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.List;
import java.util.Set;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.testing.OpFixture;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {
    private static final JWK KEY = SigningKeys.generateKey(JWSAlgorithm.ES256);

    @Test
    void readsTheFixtureClients() throws Exception {
        ClientRegistry registry = ClientRegistry.parse(OpFixture.clientsJson(new JWKSet(KEY.toPublicJWK())));
        RegisteredClient bank = registry.find("bank").orElseThrow();
        assertThat(bank.fapi()).isTrue();
        assertThat(bank.requirePushedAuthorizationRequests()).isTrue();
        assertThat(bank.authMethod()).isEqualTo(TokenEndpointAuthMethod.PRIVATE_KEY_JWT);
        assertThat(bank.sector()).isEqualTo("rp.bank.example");
        assertThat(bank.scopes()).containsExactlyInAnyOrder("openid", "profile", "name", "address", "consent:write", "consent:read");
        assertThat(bank.grantTypes()).containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials");
        assertThat(bank.isRegisteredRedirectUri("https://rp.bank.example/cb")).isTrue();
        assertThat(bank.isRegisteredRedirectUri("https://rp.bank.example/cb/")).isFalse();
        assertThat(bank.isRegisteredRedirectUri("HTTPS://rp.bank.example/cb")).isFalse();
        RegisteredClient legacy = registry.find("legacy").orElseThrow();
        assertThat(legacy.fapi()).isFalse();
        assertThat(legacy.requirePushedAuthorizationRequests()).isFalse();
        assertThat(legacy.secretSha256()).isPresent();
        assertThat(legacy.grantTypes()).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(legacy.toString()).doesNotContain(java.util.HexFormat.of().formatHex(legacy.secretSha256().get()));
        assertThat(registry.find("nobody")).isEmpty();
    }

    @Test
    void requireSignedRequestObjectIsReadAndNeedsTheClientsKeys() throws Exception {
        String json = "[{\"client_id\":\"s\",\"redirect_uris\":[\"https://rp.example/cb\"],"
                + "\"require_signed_request_object\":true,\"jwks\":{\"keys\":[" + KEY.toPublicJWK().toJSONString() + "]}}]";
        RegisteredClient signer = ClientRegistry.parse(json).find("s").orElseThrow();
        assertThat(signer.requireSignedRequestObject()).isTrue();
        assertThat(ClientRegistry.parse(OpFixture.clientsJson(new JWKSet(KEY.toPublicJWK()))).find("bank").orElseThrow()
                .requireSignedRequestObject()).isFalse();
        String secretClient = "[{\"client_id\":\"l\",\"fapi\":false,\"token_endpoint_auth_method\":\"client_secret_basic\","
                + "\"client_secret_sha256\":\"" + "ab".repeat(32) + "\",\"redirect_uris\":[\"https://rp.example/cb\"],"
                + "\"require_signed_request_object\":\"yes\"}]";
        assertThatThrownBy(() -> ClientRegistry.parse(secretClient))
                .isInstanceOfSatisfying(ClientRegistryException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p).contains("require_signed_request_object must be true or false")));
        assertThatThrownBy(() -> ClientRegistry.parse(secretClient.replace("\"yes\"", "true")))
                .isInstanceOfSatisfying(ClientRegistryException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p).contains("require_signed_request_object needs the client's public keys")));
    }

    @Test
    void listsEveryMistakeAtOnce() {
        String json = "[{\"client_id\":\"a\",\"redirect_uris\":[\"http://rp.example/cb\",\"https://rp.example/cb#frag\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\",\"client_secret\":\"plain\",\"scope\":\"profile\","
                + "\"jwks_uri\":\"https://rp.example/jwks\",\"redirect_uri\":\"typo\"},"
                + "{\"client_id\":\"a\",\"redirect_uris\":[\"https://a.example/cb\",\"https://b.example/cb\"],"
                + "\"jwks\":{\"keys\":[" + KEY.toJSONString() + "]},\"fapi\":true,\"require_pushed_authorization_requests\":false},"
                + "42]";
        assertThatThrownBy(() -> ClientRegistry.parse(json, Set.of("openid", "profile")))
                .isInstanceOfSatisfying(ClientRegistryException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).contains("client[0] (a)", "unknown member \"redirect_uri\""),
                        p -> assertThat(p).contains("client[0]", "must use https"),
                        p -> assertThat(p).contains("client[0]", "without fragment"),
                        p -> assertThat(p).contains("client[0]", "client_secret_basic is allowed only", "fapi"),
                        p -> assertThat(p).contains("client[0]", "jwks_uri is only used with private_key_jwt"),
                        p -> assertThat(p).contains("client[0]", "client_secret in clear"),
                        p -> assertThat(p).contains("client[0]", "needs client_secret_sha256"),
                        p -> assertThat(p).contains("client[0]", "scope must contain openid"),
                        p -> assertThat(p).contains("client[1]", "must use PAR"),
                        p -> assertThat(p).contains("client[1]", "private or symmetric key material"),
                        p -> assertThat(p).contains("client[1]", "several hosts"),
                        p -> assertThat(p).contains("client[2]", "not a JSON object")));
    }

    @Test
    void repeatedClientIdAndUnsupportedScopeAreReported() {
        String one = "{\"client_id\":\"x\",\"redirect_uris\":[\"http://127.0.0.1:9000/cb\"],\"jwks\":{\"keys\":["
                + KEY.toPublicJWK().toJSONString() + "]},\"scope\":\"openid telepathy\"}";
        assertThatThrownBy(() -> ClientRegistry.parse("[" + one + "," + one + "]", Set.of("openid")))
                .isInstanceOfSatisfying(ClientRegistryException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("telepathy"))
                        .hasSize(2));
        String unique = one.replace(" telepathy", "");
        assertThatThrownBy(() -> ClientRegistry.parse("[" + unique + "," + unique + "]"))
                .isInstanceOfSatisfying(ClientRegistryException.class, e -> assertThat(e.problems())
                        .containsExactly("client[1] (x): client_id repeated"));
    }

    @Test
    void sectorComesFromSectorIdentifierUriOrName() throws Exception {
        String base = "{\"client_id\":\"%s\",\"redirect_uris\":[\"https://a.example/cb\",\"https://b.example/cb\"],"
                + "\"jwks\":{\"keys\":[" + KEY.toPublicJWK().toJSONString() + "]},%s}";
        ClientRegistry registry = ClientRegistry.parse("[" + String.format(base, "u", "\"sector_identifier_uri\":\"https://Sector.example/s.json\"")
                + "," + String.format(base, "n", "\"sector_name\":\"mega-bank\"") + "]");
        assertThat(registry.find("u").orElseThrow().sector()).isEqualTo("sector.example");
        assertThat(registry.find("n").orElseThrow().sector()).isEqualTo("mega-bank");
    }

    @Test
    void notJsonIsOneTypedProblem() {
        for (String bad : List.of("", "{", "{}", "null", "[1,", "\"x\"")) {
            assertThatThrownBy(() -> ClientRegistry.parse(bad)).isInstanceOf(ClientRegistryException.class);
        }
    }
}
