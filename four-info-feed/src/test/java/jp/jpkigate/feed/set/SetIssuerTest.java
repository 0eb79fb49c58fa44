package jp.jpkigate.feed.set;

import static jp.jpkigate.feed.set.SetFixtures.BANK;
import static jp.jpkigate.feed.set.SetFixtures.BANK_EC;
import static jp.jpkigate.feed.set.SetFixtures.BANK_RSA;
import static jp.jpkigate.feed.set.SetFixtures.ISSUER;
import static jp.jpkigate.feed.set.SetFixtures.NOW;
import static jp.jpkigate.feed.set.SetFixtures.OP_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.testing.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The SET format: outer JWE header, inner JWS header, claims, payloads. */
class SetIssuerTest {
    private final MutableClock clock = new MutableClock(NOW.plusMillis(700));
    private final SetIssuer issuer = SetFixtures.issuer(clock);

    private static SignedJWT open(String token, JWK key) throws Exception {
        JWEObject jwe = JWEObject.parse(token);
        jwe.decrypt(key.getKeyType().getValue().equals("EC") ? new ECDHDecrypter(key.toECKey()) : new RSADecrypter(key.toRSAKey()));
        return jwe.getPayload().toSignedJWT();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNestedJwtSignedByTheOpAndEncryptedToTheBusiness(boolean rsa) throws Exception {
        JWK key = rsa ? BANK_RSA : BANK_EC;
        IssuedSet set = issuer.issue(BANK, key.toPublicJWK(), SetFixtures.moved(), Optional.of("txn-1"));
        assertThat(set.consentId()).isEqualTo("consent-1");
        assertThat(set.clientId()).isEqualTo(BANK);
        assertThat(set.toString()).doesNotContain(set.token());

        JWEObject jwe = JWEObject.parse(set.token());
        assertThat(jwe.getHeader().toJSONObject()).containsEntry("alg", rsa ? "RSA-OAEP-256" : "ECDH-ES+A256KW")
                .containsEntry("enc", "A256GCM").containsEntry("cty", "JWT").containsEntry("kid", key.getKeyID())
                .doesNotContainKey("zip");
        SignedJWT jws = open(set.token(), key);
        assertThat(jws.getHeader().toJSONObject()).containsEntry("alg", "ES256").containsEntry("typ", "secevent+jwt")
                .containsEntry("kid", OP_KEY.getKeyID());
        assertThat(jws.verify(JwsAlgorithms.verifier(OP_KEY.toPublicJWK(), JWSAlgorithm.ES256))).isTrue();

        Map<String, Object> claims = jws.getJWTClaimsSet().toJSONObject();
        assertThat(claims).containsOnlyKeys("iss", "aud", "iat", "jti", "toe", "txn", "sub_id", "events");
        assertThat(claims).containsEntry("iss", ISSUER).containsEntry("aud", BANK).containsEntry("iat", NOW.getEpochSecond())
                .containsEntry("toe", NOW.minusSeconds(30).getEpochSecond()).containsEntry("txn", "txn-1")
                .containsEntry("jti", set.jti()).containsEntry("sub_id", Map.of("format", "opaque", "id", "consent-1"));
        assertThat(Base64.getUrlDecoder().decode(set.jti())).hasSize(16);
        assertThat(claims.get("events")).isEqualTo(Map.of(EventTypes.FOUR_INFORMATION_CHANGED, Map.of(
                "customer_number", "0012345", "changed", List.of("address"),
                "values", Map.of("name", "山田　花子", "address", "東京都千代田区千代田一丁目1番1号"))));
        assertThat(issuer.issue(BANK, key.toPublicJWK(), SetFixtures.moved(), Optional.empty()).jti()).isNotEqualTo(set.jti());
    }

    @Test
    void withdrawalAndWithheldAddressPayloads() throws Exception {
        JWTClaimsSet withdrawal = open(issuer.issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.withdrawn(), Optional.empty()).token(),
                BANK_EC).getJWTClaimsSet();
        assertThat(withdrawal.getClaim("events")).isEqualTo(Map.of(EventTypes.CONSENT_WITHDRAWN, Map.of("customer_number", "0012345")));
        assertThat(withdrawal.getClaim("toe")).isEqualTo(NOW.minusSeconds(5).getEpochSecond());
        assertThat(withdrawal.getClaims()).doesNotContainKeys("txn", "sub", "exp");

        FourInformationChanged protectedMove = new FourInformationChanged("consent-2", "C-9",
                EnumSet.of(FourInformationItem.NAME, FourInformationItem.ADDRESS), Map.of(FourInformationItem.NAME, "山田　花子"),
                EnumSet.of(FourInformationItem.ADDRESS), NOW);
        assertThat(protectedMove.payload()).containsEntry("changed", List.of("name", "address"))
                .containsEntry("withheld", List.of("address")).containsEntry("values", Map.of("name", "山田　花子"));
        JWTClaimsSet claims = open(issuer.issue(BANK, BANK_EC.toPublicJWK(), protectedMove, Optional.empty()).token(), BANK_EC)
                .getJWTClaimsSet();
        assertThat(SetClaims.event(claims)).isEqualTo(protectedMove);
        assertThat(SetClaims.event(withdrawal)).isEqualTo(SetFixtures.withdrawn());
    }

    @Test
    void aRegisteredClientsInlineKeyIsUsed() throws Exception {
        RegisteredClient bank = ClientRegistry.parse("[{\"client_id\":\"bank\",\"redirect_uris\":[\"https://rp.bank.example/cb\"],"
                + "\"jwks\":" + new JWKSet(List.of(OP_KEY.toPublicJWK(), BANK_RSA.toPublicJWK())).toString(true)
                + ",\"feed_delivery_method\":\"urn:ietf:rfc:8936\"}]").find("bank").orElseThrow();
        IssuedSet set = issuer.issue(bank, SetFixtures.withdrawn(), Optional.empty());
        assertThat(JWEObject.parse(set.token()).getHeader().getKeyID()).isEqualTo("bank-rsa");
        assertThat(open(set.token(), BANK_RSA).getJWTClaimsSet().getAudience()).containsExactly("bank");
    }

    @Test
    void unusableKeysAndInconsistentEventsAreRefused() {
        JWK noKid = SetFixtures.encryptionKey(null, false);
        assertThatThrownBy(() -> issuer.issue(BANK, noKid.toPublicJWK(), SetFixtures.moved(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue(BANK, BANK_EC, SetFixtures.moved(), Optional.empty()))
                .as("a private key").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue(BANK, OP_KEY.toPublicJWK().toECKey(), SetFixtures.moved(), Optional.empty()))
                .as("a signature key")
                .isInstanceOf(IllegalArgumentException.class);
        var address = EnumSet.of(FourInformationItem.ADDRESS);
        var none = EnumSet.noneOf(FourInformationItem.class);
        assertThatThrownBy(() -> new FourInformationChanged("c", "0012345", address, Map.of(), none, NOW))
                .hasMessageContaining("no value");
        assertThatThrownBy(() -> new FourInformationChanged("c", "0012345", address,
                Map.of(FourInformationItem.ADDRESS, "x"), address, NOW)).hasMessageContaining("withheld");
        assertThatThrownBy(() -> new FourInformationChanged("c", "0012345", none, Map.of(), none, NOW))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new FourInformationChanged("c", "0012345", EnumSet.of(FourInformationItem.GENDER),
                Map.of(FourInformationItem.GENDER, "1"), none, NOW)).hasMessageContaining("gender");
        assertThatThrownBy(() -> new FourInformationChanged("c", "0012345", EnumSet.of(FourInformationItem.BIRTHDATE),
                Map.of(FourInformationItem.BIRTHDATE, "2001-02-30"), none, NOW)).hasMessageContaining("birthdate");
        assertThatThrownBy(() -> new FourInformationChanged("c", "<b>", address, Map.of(FourInformationItem.ADDRESS, "x"), none, NOW))
                .hasMessageContaining("customer_number");
        assertThatThrownBy(() -> new ConsentWithdrawn("has space", "0012345", NOW)).hasMessageContaining("consent id");
    }
}
