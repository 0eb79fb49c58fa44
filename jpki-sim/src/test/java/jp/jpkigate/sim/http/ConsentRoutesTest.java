package jp.jpkigate.sim.http;

import static jp.jpkigate.sim.consent.SignedConsents.consent;
import static jp.jpkigate.sim.consent.SignedConsents.issue;
import static jp.jpkigate.sim.consent.SignedConsents.signed;
import static jp.jpkigate.sim.consent.SignedConsents.withdrawal;
import static jp.jpkigate.sim.http.JlisApi.json;
import static jp.jpkigate.sim.http.JlisApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.card.TestPki;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.revocation.Reason;
import org.junit.jupiter.api.Test;

/** {@code /jlis/consents}: registering, replacing, withdrawing and reading consents, and the changes feed. */
class ConsentRoutesTest extends JlisApiTest {
    private JsonObject register(String consentId, String businessId, String... items) {
        return api.register(card.id(), consentId, businessId, items);
    }

    @Test
    void registersAConsentValidTenYearsFromTheDayAfterInJapanTime() {
        api.clock.set(Instant.parse("2026-11-23T01:30:00.250Z"));  // 10:30 JST
        JsonObject registered = register("pf-1", "bank-001", "name", "address");
        assertThat(registered.getString("registry_id")).matches("R[0-9]{6}");
        assertThat(registered).isEqualTo(new JsonObject().put("registry_id", registered.getString("registry_id"))
                .put("consent_id", "pf-1").put("business_id", "bank-001").put("status", "active")
                .put("recorded_at", "2026-11-23T01:30:00Z").put("valid_until", "2036-11-23"));
        assertThat(json(api.get("/jlis/consents/" + registered.getString("registry_id")), 200)).isEqualTo(registered);
        problem(api.get("/jlis/consents/R999999"), 404, "unknown-consent");
    }

    @Test
    void theSameConsentPostedAgainIsIdempotentAndOtherContentConflicts() {
        JsonObject request = consent(api.registry, card.id(), "pf-1", "bank-001", "name", "gender");
        JsonObject first = json(api.post("/jlis/consents", request), 201);
        JsonObject reordered = request.copy().put("items", new JsonArray().add("gender").add("name"));
        assertThat(json(api.post("/jlis/consents", reordered), 200)).isEqualTo(first);
        problem(api.post("/jlis/consents", request.copy().put("business_name", "Other Bank")), 409, "consent-id-conflict");
        problem(api.post("/jlis/consents", consent(api.registry, card.id(), "pf-1", "bank-002", "name")), 409,
                "consent-id-conflict");
        assertThat(json(api.get("/jlis/consents"), 200).getJsonArray("changes")).hasSize(1);
    }

    @Test
    void aNewConsentForTheSameBusinessReplacesTheOneInForce() {
        String first = register("pf-1", "bank-001", "name").getString("registry_id");
        String other = register("pf-2", "bank-002", "name").getString("registry_id");
        api.clock.advance(Duration.ofDays(3));
        String second = register("pf-3", "bank-001", "name", "address").getString("registry_id");
        assertThat(json(api.get("/jlis/consents/" + first), 200).getString("status")).isEqualTo("replaced");
        assertThat(json(api.get("/jlis/consents/" + other), 200).getString("status")).isEqualTo("active");
        assertThat(json(api.get("/jlis/consents/" + second), 200).getString("status")).isEqualTo("active");
        assertThat(statuses(json(api.get("/jlis/consents?business_id=bank-001"), 200)))
                .containsExactly(first + " active", first + " replaced", second + " active");
    }

    @Test
    void onlyASignatureCertificateInForceThatJlisIssuedWithAVerifyingSignatureIsAccepted() {
        JsonObject request = consent(api.registry, card.id(), "pf-1", "bank-001", "name");
        Device someoneElse = issue(api.registry, "佐藤");
        JsonObject otherKey = signed(api.registry, someoneElse.id(), CaKind.SIGNATURE, "I consent: pf-1 bank-001");
        problem(api.post("/jlis/consents", request.copy().put("signature", otherKey.getString("signature"))), 400,
                "bad-signature");
        problem(api.post("/jlis/consents", request.copy().put("statement", "dGFtcGVyZWQ")), 400, "bad-signature");

        JsonObject withAuthKey = signed(api.registry, card.id(), CaKind.AUTHENTICATION, "I consent: pf-1 bank-001");
        problem(api.post("/jlis/consents", request.copy().mergeIn(withAuthKey)), 400, "not-signature-certificate");

        JsonObject foreign = new JsonObject().put("certificate", base64(TestPki.card("X1", TokenName.CARD,
                KeyAlgorithm.RSA_2048, "1234", "ABC123").slot(CaKind.SIGNATURE).certificate()));
        problem(api.post("/jlis/consents", request.copy().mergeIn(foreign)), 400, "unknown-certificate");

        api.registry.life().revoke(card.signature(), Reason.KEY_COMPROMISE);
        problem(api.post("/jlis/consents", request), 409, "certificate-revoked");
        assertThat(json(api.get("/jlis/consents"), 200).getJsonArray("changes")).isEmpty();
    }

    @Test
    void malformedRequestsAreBadRequests() {
        JsonObject valid = consent(api.registry, card.id(), "pf-1", "bank-001", "name");
        List<JsonObject> malformed = List.of(
                valid.copy().put("consent_id", ""), valid.copy().put("consent_id", "a/b"),
                valid.copy().put("consent_id", "x".repeat(65)), valid.copy().put("business_id", "bank 001"),
                valid.copy().put("business_id", "x".repeat(256)), valid.copy().put("business_name", " "),
                valid.copy().put("business_name", "a\nb"), valid.copy().put("items", new JsonArray()),
                valid.copy().put("items", new JsonArray().add("name").add("name")),
                valid.copy().put("items", new JsonArray().add("email")), valid.copy().put("items", "name"),
                valid.copy().put("items", new JsonArray().add(1)), valid.copy().put("consent_id", 7),
                valid.copy().put("statement", "***"), valid.copy().put("signature", ""),
                valid.copy().put("certificate", "AAAA"), valid.copy().put("certificate", true));
        for (JsonObject request : malformed) {
            problem(api.post("/jlis/consents", request), 400, "bad-request");
        }
        for (String field : List.of("consent_id", "business_id", "business_name", "items", "statement", "signature",
                "certificate")) {
            JsonObject missing = valid.copy();
            missing.remove(field);
            problem(api.post("/jlis/consents", missing), 400, "bad-request");
        }
        problem(api.post("/jlis/consents", "application/json", Buffer.buffer("[1]")), 400, "bad-request");
        problem(api.post("/jlis/consents", "application/json", Buffer.buffer("{\"consent_id\":")), 400, "bad-request");
        problem(api.post("/jlis/consents", "text/plain", Buffer.buffer(valid.encode())), 415, "unsupported-media-type");
        problem(api.post("/jlis/consents", "application/json", Buffer.buffer(new byte[70_000])), 413, "too-large");
        json(api.post("/jlis/consents", "application/json; charset=utf-8", valid.toBuffer()), 201);
    }

    @Test
    void withdrawalNeedsASignatureOfTheSamePersonAndIsIdempotent() {
        String id = register("pf-1", "bank-001", "name").getString("registry_id");
        Device other = issue(api.registry, "佐藤");
        problem(api.post("/jlis/consents/R999999/withdrawal", withdrawal(api.registry, card.id())), 404, "unknown-consent");
        problem(api.post("/jlis/consents/" + id + "/withdrawal", withdrawal(api.registry, other.id())), 403, "other-person");
        JsonObject badSignature = withdrawal(api.registry, card.id())
                .put("signature", withdrawal(api.registry, other.id()).getString("signature"));
        problem(api.post("/jlis/consents/" + id + "/withdrawal", badSignature), 400, "bad-signature");
        JsonObject withAuthKey = signed(api.registry, card.id(), CaKind.AUTHENTICATION, "withdraw");
        problem(api.post("/jlis/consents/" + id + "/withdrawal", withAuthKey), 400, "not-signature-certificate");
        problem(api.post("/jlis/consents/" + id + "/withdrawal", new JsonObject()), 400, "bad-request");

        api.clock.advance(Duration.ofHours(5));
        JsonObject withdrawn = json(api.post("/jlis/consents/" + id + "/withdrawal", withdrawal(api.registry, card.id())), 200);
        assertThat(withdrawn.getString("status")).isEqualTo("withdrawn");
        assertThat(withdrawn.getString("withdrawn_at")).isEqualTo("2026-03-01T05:00:00Z");
        assertThat(withdrawn.getString("withdrawn_by")).isEqualTo("business-platform");
        assertThat(withdrawn.getString("registry_id")).isEqualTo(id);
        api.clock.advance(Duration.ofHours(1));
        assertThat(json(api.post("/jlis/consents/" + id + "/withdrawal", withdrawal(api.registry, card.id())), 200))
                .isEqualTo(withdrawn).isEqualTo(json(api.get("/jlis/consents/" + id), 200));
    }

    @Test
    void aPhoneSignatureCertificateOfTheSamePersonWithdrawsToo() {
        String id = register("pf-1", "bank-001", "name").getString("registry_id");
        Device phone = api.registry.life().issuePhone(card.id(), TokenName.IPHONE, "5678", "ABC123");
        assertThat(json(api.post("/jlis/consents/" + id + "/withdrawal", withdrawal(api.registry, phone.id())), 200)
                .getString("status")).isEqualTo("withdrawn");
    }

    @Test
    void aReplacedConsentCannotBeWithdrawnAndARevokedCertificateCannotWithdraw() {
        String replaced = register("pf-1", "bank-001", "name").getString("registry_id");
        String current = register("pf-2", "bank-001", "name").getString("registry_id");
        problem(api.post("/jlis/consents/" + replaced + "/withdrawal", withdrawal(api.registry, card.id())), 409,
                "consent-ended");
        JsonObject signedBefore = withdrawal(api.registry, card.id());
        api.registry.life().revoke(card.signature(), Reason.KEY_COMPROMISE);
        problem(api.post("/jlis/consents/" + current + "/withdrawal", signedBefore), 409, "certificate-revoked");
    }

    @Test
    void theChangesArePagedByCursorAndShowWithdrawalsInJlisApp() {
        String a = register("pf-1", "bank-001", "name").getString("registry_id");
        String b = register("pf-2", "bank-002", "name").getString("registry_id");
        String c = register("pf-3", "bank-001", "address").getString("registry_id");  // replaces a
        api.clock.advance(Duration.ofMinutes(1));
        api.consents.withdrawByPerson(card.personId(), b);

        List<String> all = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = json(api.get("/jlis/consents?limit=2" + (next == null ? "" : "&after=" + next)), 200);
            all.addAll(statuses(page));
            assertThat(page.getJsonArray("changes").size()).isLessThanOrEqualTo(2);
            next = page.getString("next");
            pages++;
        } while (pages < 10 && !json(api.get("/jlis/consents?after=" + next), 200).getJsonArray("changes").isEmpty());
        assertThat(all).containsExactly(a + " active", b + " active", a + " replaced", c + " active", b + " withdrawn");
        assertThat(next).isEqualTo("5");

        JsonObject bank2 = json(api.get("/jlis/consents?business_id=bank-002"), 200);
        assertThat(statuses(bank2)).containsExactly(b + " active", b + " withdrawn");
        JsonObject withdrawal = bank2.getJsonArray("changes").getJsonObject(1);
        assertThat(withdrawal.getString("withdrawn_by")).isEqualTo("person");
        assertThat(withdrawal.getString("at")).isEqualTo("2026-03-01T00:01:00Z");
        assertThat(withdrawal.getString("consent_id")).isEqualTo("pf-2");
        assertThat(withdrawal.getString("cursor")).isEqualTo("5");
        JsonObject filteredEnd = json(api.get("/jlis/consents?business_id=bank-002&after=5"), 200);
        assertThat(filteredEnd.getJsonArray("changes")).isEmpty();
        assertThat(filteredEnd.getString("next")).isEqualTo("5");
        assertThat(json(api.get("/jlis/consents?business_id=bank-009"), 200).getString("next"))
                .as("a filtered poll that found nothing moves past what it scanned").isEqualTo("5");

        problem(api.get("/jlis/consents?after=6"), 400, "unknown-cursor");
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "after=-1", "after=abc", "after=1&after=2",
                "business_id=a%20b", "limit=99999")) {
            problem(api.get("/jlis/consents?" + query), 400, "bad-request");
        }
    }

    private static List<String> statuses(JsonObject page) {
        return page.getJsonArray("changes").stream().map(JsonObject.class::cast)
                .map(c -> c.getString("registry_id") + " " + c.getString("status")).toList();
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
