package jp.jpkigate.sim.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jp.jpkigate.sim.consent.ChangePage;
import jp.jpkigate.sim.consent.Consent;
import jp.jpkigate.sim.consent.ConsentChange;
import jp.jpkigate.sim.consent.ConsentStatus;
import jp.jpkigate.sim.consent.Item;
import jp.jpkigate.sim.consent.Provision;

/** The J-LIS API's answers as JSON: instants in RFC 3339 UTC, dates {@code yyyy-MM-dd}, serials in hex. */
final class JlisJson {
    private JlisJson() {
    }

    /**
     * {@code {"registry_id", "consent_id", "business_id", "status", "recorded_at", "valid_until"}},
     * with {@code "withdrawn_at"} and {@code "withdrawn_by"} once withdrawn.
     */
    static JsonObject consent(Consent consent) {
        JsonObject json = new JsonObject().put("registry_id", consent.registryId())
                .put("consent_id", consent.consentId()).put("business_id", consent.businessId())
                .put("status", consent.status().wireName()).put("recorded_at", consent.recordedAt().toString())
                .put("valid_until", consent.validUntil().toString());
        if (consent.status() == ConsentStatus.WITHDRAWN) {
            json.put("withdrawn_at", consent.endedAt().toString()).put("withdrawn_by", consent.withdrawnBy().wireName());
        }
        return json;
    }

    /** {@code {"changes": [{"cursor", "registry_id", "consent_id", "business_id", "status", "at", "withdrawn_by"?}], "next"}}. */
    static JsonObject changes(ChangePage page) {
        JsonArray changes = new JsonArray();
        for (ConsentChange change : page.changes()) {
            JsonObject json = new JsonObject().put("cursor", change.cursor()).put("registry_id", change.registryId())
                    .put("consent_id", change.consentId()).put("business_id", change.businessId())
                    .put("status", change.status().wireName()).put("at", change.at().toString());
            if (change.withdrawnBy() != null) {
                json.put("withdrawn_by", change.withdrawnBy().wireName());
            }
            changes.add(json);
        }
        return new JsonObject().put("changes", changes).put("next", page.next());
    }

    /**
     * {@code {"status": "updated", "issuer", "certificate_serial", "four_information": {...}, "withheld"?: [...]}}
     * or {@code {"status": "no_new_certificate"}}.
     */
    static JsonObject provision(Provision provision) {
        if (!provision.updated()) {
            return new JsonObject().put("status", "no_new_certificate");
        }
        JsonObject info = new JsonObject();
        provision.fourInformation().forEach((item, value) -> info.put(item.wireName(), value));
        JsonObject json = new JsonObject().put("status", "updated").put("issuer", provision.certificate().caId())
                .put("certificate_serial", provision.certificate().serial().toString(16))
                .put("four_information", info);
        if (!provision.withheld().isEmpty()) {
            json.put("withheld", new JsonArray(provision.withheld().stream().map(Item::wireName).toList()));
        }
        return json;
    }
}
