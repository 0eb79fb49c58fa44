package jp.jpkigate.idp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.key.SigningKeys;
import org.junit.jupiter.api.Test;

/** The admin API's view of a configuration file's client shows its feed settings and keeps its encryption key. */
class ClientViewsTest {
    @Test
    void aFileClientsFeedMembersAndEncryptionKeyRoundTrip() throws Exception {
        String keys = new JWKSet(List.of(SigningKeys.generateKey(JWSAlgorithm.ES256),
                new ECKeyGenerator(Curve.P_256).keyID("enc-1").keyUse(KeyUse.ENCRYPTION).generate())).toPublicJWKSet().toString();
        String file = "[{\"client_id\":\"bank\",\"redirect_uris\":[\"https://rp.bank.example/cb\"],\"jwks\":" + keys
                + ",\"feed_delivery_method\":\"urn:ietf:rfc:8935\",\"feed_endpoint_url\":\"https://rp.bank.example/events\"}]";
        RegisteredClient bank = ClientRegistry.parse(file).find("bank").orElseThrow();

        Map<String, Object> view = ClientViews.of(bank);

        assertThat(view).containsEntry("feed_delivery_method", "urn:ietf:rfc:8935")
                .containsEntry("feed_endpoint_url", "https://rp.bank.example/events");
        Map<String, Object> metadata = new java.util.LinkedHashMap<>(view);
        metadata.remove("disabled");
        metadata.remove("source");
        RegisteredClient again = ClientRegistry.parse("[" + JSONObjectUtils.toJSONString(metadata) + "]").find("bank")
                .orElseThrow();
        assertThat(again.feed().encryptionKeys().getKeys()).extracting(k -> k.getKeyID()).containsExactly("enc-1");
        assertThat(again.feed().endpointUrl()).isEqualTo(bank.feed().endpointUrl());
        assertThat(again.jwks().orElseThrow().getKeys()).hasSize(1);
    }
}
