package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.util.Set;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.key.SigningKeys;
import org.junit.jupiter.api.Test;

/** {@code grant_types} and the API scopes in the client registry. */
class ClientCredentialsRegistrationTest {
    private static final JWK KEY = SigningKeys.generateKey(JWSAlgorithm.ES256);
    private static final Set<String> SUPPORTED = OpenIdProviderConfig.defaults("https://op.example").scopesSupported();

    private static String client(String members) {
        return "[{\"client_id\":\"c\",\"jwks\":{\"keys\":[" + KEY.toPublicJWK().toJSONString() + "]}," + members + "}]";
    }

    private static void refused(String json, String problem) {
        assertThatThrownBy(() -> ClientRegistry.parse(json, SUPPORTED))
                .isInstanceOfSatisfying(ClientRegistryException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains(problem)));
    }

    @Test
    void theDefaultConfigurationSupportsTheApiScopes() {
        assertThat(SUPPORTED).containsAll(ApiScopes.ALL);
    }

    @Test
    void aBackEndClientNeedsNoRedirectUrisAndNoOpenid() throws Exception {
        RegisteredClient backEnd = ClientRegistry.parse(client("\"grant_types\":[\"client_credentials\"],\"scope\":\"feed:read\""),
                SUPPORTED).find("c").orElseThrow();
        assertThat(backEnd.grantTypes()).containsExactly("client_credentials");
        assertThat(backEnd.redirectUris()).isEmpty();
        assertThat(backEnd.scopes()).containsExactly("feed:read");
        RegisteredClient both = ClientRegistry.parse(client("\"redirect_uris\":[\"https://rp.example/cb\"],"
                + "\"grant_types\":[\"authorization_code\",\"client_credentials\"],\"scope\":\"openid consent:read\""), SUPPORTED)
                .find("c").orElseThrow();
        assertThat(both.grantTypes()).containsExactlyInAnyOrder("authorization_code", "client_credentials");
    }

    @Test
    void inconsistentRegistrationsAreRefused() {
        refused(client("\"redirect_uris\":[\"https://rp.example/cb\"],\"scope\":\"openid consent:read\""),
                "need client_credentials in grant_types");
        refused(client("\"grant_types\":[\"client_credentials\"]"), "client_credentials needs at least one API scope");
        refused(client("\"grant_types\":[\"client_credentials\"],\"scope\":\"feed:read\",\"redirect_uris\":[\"https://rp.example/cb\"]"),
                "redirect_uris are only used with the authorization_code grant");
        refused(client("\"grant_types\":[\"refresh_token\",\"client_credentials\"],\"scope\":\"feed:read\""),
                "refresh_token needs authorization_code");
        refused(client("\"redirect_uris\":[\"https://rp.example/cb\"],\"grant_types\":[\"password\"]"), "grant_types must be");
        refused(client("\"redirect_uris\":[\"https://rp.example/cb\"],\"grant_types\":[]"), "grant_types must be");
        refused(client("\"redirect_uris\":[\"https://rp.example/cb\"],\"grant_types\":\"client_credentials\""), "grant_types must be");
    }
}
