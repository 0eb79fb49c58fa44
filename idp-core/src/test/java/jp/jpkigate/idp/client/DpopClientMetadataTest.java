package jp.jpkigate.idp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.testing.OpFixture;
import org.junit.jupiter.api.Test;

/**
 * RFC 9449 §5.2 {@code dpop_bound_access_tokens}: on for FAPI clients (off only for certificate-bound
 * ones, {@link MtlsClientMetadataTest}), opt-in for others.
 */
class DpopClientMetadataTest {
    private static final JWK KEY = SigningKeys.generateKey(JWSAlgorithm.ES256).toPublicJWK();

    private static String client(String extra) {
        return "[{\"client_id\":\"c\",\"redirect_uris\":[\"https://rp.example/cb\"],\"jwks\":{\"keys\":[" + KEY.toJSONString()
                + "]}" + extra + "}]";
    }

    @Test
    void fapiClientsGetDpopBoundAccessTokensAndOthersMayAskForThem() throws Exception {
        assertThat(ClientRegistry.parse(client("")).find("c").orElseThrow().dpopBoundAccessTokens()).isTrue();
        assertThat(ClientRegistry.parse(client(",\"fapi\":false")).find("c").orElseThrow().dpopBoundAccessTokens()).isFalse();
        assertThat(ClientRegistry.parse(client(",\"fapi\":false,\"dpop_bound_access_tokens\":true")).find("c").orElseThrow()
                .dpopBoundAccessTokens()).isTrue();
        assertThat(ClientRegistry.parse(OpFixture.clientsJson(new com.nimbusds.jose.jwk.JWKSet(KEY))).find(OpFixture.LEGACY)
                .orElseThrow().dpopBoundAccessTokens()).isFalse();
    }

    @Test
    void aFapiClientCannotTurnSenderConstrainingOff() {
        assertThatThrownBy(() -> ClientRegistry.parse(client(",\"dpop_bound_access_tokens\":false")))
                .isInstanceOfSatisfying(ClientRegistryException.class, e -> assertThat(e.problems())
                        .singleElement().asString().contains("client[0] (c)", "sender-constrained access tokens only",
                                "dpop_bound_access_tokens or tls_client_certificate_bound_access_tokens must be true"));
        assertThatThrownBy(() -> ClientRegistry.parse(client(",\"dpop_bound_access_tokens\":\"yes\"")))
                .isInstanceOfSatisfying(ClientRegistryException.class, e -> assertThat(e.problems())
                        .singleElement().asString().contains("dpop_bound_access_tokens must be true or false"));
    }
}
