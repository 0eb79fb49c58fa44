package jp.jpkigate.sim.http;

import static jp.jpkigate.sim.consent.SignedConsents.issue;
import static jp.jpkigate.sim.consent.SignedConsents.withdrawal;
import static jp.jpkigate.sim.http.JlisApi.json;
import static jp.jpkigate.sim.http.JlisApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.revocation.Reason;
import org.junit.jupiter.api.Test;

/** {@code POST /jlis/four-information}: the latest 4 information of consenting people after a revocation. */
class FourInformationRoutesTest extends JlisApiTest {
    private static final String OSAKA = "大阪府大阪市北区梅田1-1";
    private String register(String consentId, String businessId, String... items) {
        return api.register(card.id(), consentId, businessId, items).getString("registry_id");
    }

    private JsonObject provide(String registryId, CertId known, int status) {
        return json(api.post("/jlis/four-information", request(registryId, known)), status);
    }

    private static JsonObject request(String registryId, CertId known) {
        return new JsonObject().put("registry_id", registryId)
                .put("certificate_serial", known.serial().toString(16)).put("issuer", known.caId());
    }

    private void move() {
        api.registry.life().move(card.personId(), Municipality.parse("Osaka/Kita-ku"), OSAKA);
    }

    @Test
    void afterAMoveOnlyTheConsentedItemsComeWithTheNewCertificate() {
        String addressOnly = register("pf-1", "bank-001", "address", "birthdate");
        String all = register("pf-2", "carrier-002", "name", "address", "birthdate", "gender");
        CertId known = card.signature();
        assertThat(provide(addressOnly, known, 200)).as("the certificate the PF knows is still in force")
                .isEqualTo(new JsonObject().put("status", "no_new_certificate"));

        move();
        CertId current = api.registry.device(card.id()).signature();
        assertThat(provide(addressOnly, known, 200)).isEqualTo(new JsonObject().put("status", "updated")
                .put("issuer", current.caId()).put("certificate_serial", current.serial().toString(16))
                .put("four_information", new JsonObject().put("address", OSAKA).put("birthdate", "1990-01-02")));
        assertThat(provide(all, known, 200).getJsonObject("four_information")).isEqualTo(new JsonObject()
                .put("name", "山田\u3000太郎").put("address", OSAKA).put("birthdate", "1990-01-02").put("gender", "1"));
        assertThat(provide(all, current, 200).getString("status")).isEqualTo("no_new_certificate");
    }

    @Test
    void nothingWhileThePersonHasNoNewSignatureCertificateUntilTheCardIsRenewed() {
        String id = register("pf-1", "bank-001", "name");
        CertId known = card.signature();
        api.registry.life().revoke(known, Reason.KEY_COMPROMISE);
        assertThat(provide(id, known, 200)).isEqualTo(new JsonObject().put("status", "no_new_certificate"));
        api.clock.advance(Duration.ofDays(2));
        api.registry.life().renew(card.id());
        CertId renewed = api.registry.device(card.id()).signature();
        assertThat(provide(id, known, 200).getString("certificate_serial")).isEqualTo(renewed.serial().toString(16));
    }

    @Test
    void aLostCardHasNoNewCertificate() {
        String id = register("pf-1", "bank-001", "name");
        api.registry.life().lose(card.id());
        assertThat(provide(id, card.signature(), 200).getString("status")).isEqualTo("no_new_certificate");
    }

    @Test
    void aPhoneCertificateFollowsItsOwnRenewalChain() {
        Device phone = api.registry.life().issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONE1");
        String id = register("pf-1", "bank-001", "name");
        move();
        CertId phoneNow = api.registry.device(phone.id()).signature();
        assertThat(provide(id, phone.signature(), 200).getString("certificate_serial"))
                .isEqualTo(phoneNow.serial().toString(16));
        assertThat(provide(id, card.signature(), 200).getString("certificate_serial"))
                .isEqualTo(api.registry.device(card.id()).signature().serial().toString(16));
    }

    @Test
    void theAddressOfAPersonUnderDvProtectionIsWithheld() {
        String id = register("pf-1", "bank-001", "name", "address");
        String nameOnly = register("pf-2", "bank-002", "name");
        api.registry.life().protect(card.personId(), true);
        move();
        JsonObject answer = provide(id, card.signature(), 200);
        assertThat(answer.getJsonObject("four_information")).isEqualTo(new JsonObject().put("name", "山田\u3000太郎"));
        assertThat(answer.getJsonArray("withheld")).isEqualTo(new JsonArray().add("address"));
        assertThat(provide(nameOnly, card.signature(), 200).containsKey("withheld"))
                .as("nothing consented is withheld").isFalse();
        api.registry.life().protect(card.personId(), false);
        assertThat(provide(id, card.signature(), 200).getJsonObject("four_information").getString("address"))
                .isEqualTo(OSAKA);
    }

    @Test
    void aConsentNotInForceOrACertificateOfSomeoneElseIsRefused() {
        String withdrawn = register("pf-1", "bank-001", "name");
        String replaced = register("pf-2", "bank-002", "name");
        String active = register("pf-3", "bank-002", "name");
        json(api.post("/jlis/consents/" + withdrawn + "/withdrawal", withdrawal(api.registry, card.id())), 200);
        move();
        problem(api.post("/jlis/four-information", request(withdrawn, card.signature())), 403, "consent-not-in-force");
        problem(api.post("/jlis/four-information", request(replaced, card.signature())), 403, "consent-not-in-force");
        problem(api.post("/jlis/four-information", request("R999999", card.signature())), 404, "unknown-consent");

        Device other = issue(api.registry, "佐藤");
        problem(api.post("/jlis/four-information", request(active, other.signature())), 403, "certificate-not-of-person");
        problem(api.post("/jlis/four-information", request(active, card.authentication())), 403,
                "certificate-not-of-person");
        problem(api.post("/jlis/four-information", request(active, new CertId("sign-1999", card.signature().serial()))),
                403, "certificate-not-of-person");
        problem(api.post("/jlis/four-information", request(active, new CertId(card.signature().caId(),
                card.signature().serial().add(java.math.BigInteger.valueOf(1000))))), 403, "certificate-not-of-person");

        JsonObject valid = request(active, card.signature());
        for (JsonObject bad : List.of(valid.copy().put("certificate_serial", "xyz"),
                valid.copy().put("certificate_serial", "1".repeat(41)), valid.copy().put("issuer", "C=JP, O=JPKI"),
                valid.copy().put("registry_id", 12), valid.copy().put("registry_id", ""), new JsonObject())) {
            problem(api.post("/jlis/four-information", bad), 400, "bad-request");
        }
    }

    @Test
    void aConsentExpiresAtTheEndOfItsTenthYearInJapanTime() {
        String id = register("pf-1", "bank-001", "name");  // recorded 2026-03-01 09:00 JST: valid until 2036-03-01
        JsonObject recorded = json(api.get("/jlis/consents/" + id), 200);
        assertThat(recorded.getString("valid_until")).isEqualTo("2036-03-01");
        move();
        api.clock.set(Instant.parse("2036-03-01T14:59:59Z"));  // 23:59:59 JST on the last day
        assertThat(provide(id, card.signature(), 200).getString("status")).isIn("updated", "no_new_certificate");
        assertThat(json(api.get("/jlis/consents/" + id), 200).getString("status")).isEqualTo("active");

        api.clock.advance(Duration.ofSeconds(1));
        problem(api.post("/jlis/four-information", request(id, card.signature())), 403, "consent-not-in-force");
        assertThat(json(api.get("/jlis/consents/" + id), 200).getString("status")).isEqualTo("expired");
        api.clock.advance(Duration.ofDays(30));
        JsonArray changes = json(api.get("/jlis/consents?after=1"), 200).getJsonArray("changes");
        assertThat(changes).hasSize(1);
        assertThat(changes.getJsonObject(0).getString("status")).isEqualTo("expired");
        assertThat(changes.getJsonObject(0).getString("at")).isEqualTo("2036-03-01T15:00:00Z");
        problem(api.post("/jlis/consents/" + id + "/withdrawal", withdrawal(api.registry, card.id())), 409,
                "consent-ended");
    }
}
