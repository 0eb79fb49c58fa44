package jp.jpkigate.sim.consent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.jpkigate.sim.registry.CertId;

/** The consent ledger as one JSON document ({@code consents.json}): consents and changes. */
final class ConsentJson {
    static final String FORMAT = "jpki-sim-consents/1";

    private ConsentJson() {
    }

    static JsonObject write(ConsentLedger ledger) {
        JsonArray consents = new JsonArray();
        ledger.all().forEach(c -> consents.add(new JsonObject().put("registryId", c.registryId())
                .put("consentId", c.consentId()).put("businessId", c.businessId())
                .put("businessName", c.businessName())
                .put("items", new JsonArray(c.items().stream().map(Item::wireName).toList()))
                .put("personId", c.personId()).put("caId", c.certificate().caId())
                .put("serial", c.certificate().serial().toString()).put("statementSha256", c.statementSha256())
                .put("recordedAt", c.recordedAt().toString()).put("validUntil", c.validUntil().toString())
                .put("status", c.status().wireName()).put("endedAt", text(c.endedAt()))
                .put("withdrawnBy", c.withdrawnBy() == null ? null : c.withdrawnBy().wireName())));
        JsonArray changes = new JsonArray();
        ledger.changes().forEach(c -> changes.add(new JsonObject().put("sequence", c.sequence())
                .put("registryId", c.registryId()).put("consentId", c.consentId()).put("businessId", c.businessId())
                .put("status", c.status().wireName()).put("at", c.at().toString())
                .put("withdrawnBy", c.withdrawnBy() == null ? null : c.withdrawnBy().wireName())));
        return new JsonObject().put("format", FORMAT).put("consents", consents).put("changes", changes);
    }

    /** A ledger from its document; throws IllegalArgumentException (or a JSON exception) when malformed. */
    static ConsentLedger read(JsonObject json) {
        if (!FORMAT.equals(json.getString("format"))) {
            throw new IllegalArgumentException("not a " + FORMAT + " document");
        }
        ConsentLedger ledger = new ConsentLedger();
        json.getJsonArray("consents").forEach(o -> {
            JsonObject c = (JsonObject) o;
            List<Item> items = c.getJsonArray("items").stream()
                    .map(i -> Item.parse((String) i).orElseThrow(() -> new IllegalArgumentException("item " + i)))
                    .toList();
            String withdrawnBy = c.getString("withdrawnBy");
            ledger.restore(new Consent(c.getString("registryId"), c.getString("consentId"), c.getString("businessId"),
                    c.getString("businessName"), items, c.getString("personId"),
                    new CertId(c.getString("caId"), new BigInteger(c.getString("serial"))),
                    c.getString("statementSha256"), Instant.parse(c.getString("recordedAt")),
                    LocalDate.parse(c.getString("validUntil")), ConsentStatus.parse(c.getString("status")),
                    instant(c.getString("endedAt")), withdrawnBy == null ? null : Withdrawer.parse(withdrawnBy)));
        });
        json.getJsonArray("changes").forEach(o -> {
            JsonObject c = (JsonObject) o;
            String withdrawnBy = c.getString("withdrawnBy");
            ledger.restore(new ConsentChange(c.getLong("sequence"), c.getString("registryId"), c.getString("consentId"),
                    c.getString("businessId"), ConsentStatus.parse(c.getString("status")),
                    Instant.parse(c.getString("at")), withdrawnBy == null ? null : Withdrawer.parse(withdrawnBy)));
        });
        return ledger;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
