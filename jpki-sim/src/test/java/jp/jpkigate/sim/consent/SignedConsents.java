package jp.jpkigate.sim.consent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.Base64;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimRegistry;

/** Residents with cards, and consent and withdrawal requests their cards sign, as a platform operator sends them. */
public final class SignedConsents {
    public static final String PIN = "1234";
    public static final String PASSWORD = "ABC123";

    private SignedConsents() {
    }

    /** A new resident of Shinjuku with an RSA card. */
    public static Device issue(SimRegistry registry, String familyName) {
        return registry.life().issue(new CardRequest(familyName, "太郎", LocalDate.of(1990, 1, 2), Gender.MALE,
                "東京都新宿区西新宿2-8-1", Municipality.parse("Tokyo/Shinjuku-ku"), PIN, PASSWORD, KeyAlgorithm.RSA_2048));
    }

    /** {@code statement}, {@code signature}, {@code certificate}: the device's key of {@code kind} signs {@code statement}. */
    public static JsonObject signed(SimRegistry registry, String deviceId, CaKind kind, String statement) {
        CardClient card = new CardClient(registry.store().loadCard(deviceId));
        String secret = kind == CaKind.SIGNATURE ? PASSWORD : PIN;
        byte[] bytes = statement.getBytes(StandardCharsets.UTF_8);
        byte[] signature = card.sign(kind, secret, bytes);
        try {
            return new JsonObject()
                    .put("statement", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                    .put("signature", Base64.getEncoder().encodeToString(signature))
                    .put("certificate", Base64.getEncoder().encodeToString(card.readCertificate(kind, secret).getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A withdrawal signed with the device's signature key. */
    public static JsonObject withdrawal(SimRegistry registry, String deviceId) {
        return signed(registry, deviceId, CaKind.SIGNATURE, "withdraw my consent");
    }

    /** A consent request signed with the device's signature key. */
    public static JsonObject consent(SimRegistry registry, String deviceId, String consentId, String businessId,
                                     String... items) {
        return new JsonObject().put("consent_id", consentId).put("business_id", businessId)
                .put("business_name", "Bank " + businessId).put("items", new JsonArray(java.util.List.of(items)))
                .mergeIn(signed(registry, deviceId, CaKind.SIGNATURE, "I consent: " + consentId + " " + businessId));
    }
}
