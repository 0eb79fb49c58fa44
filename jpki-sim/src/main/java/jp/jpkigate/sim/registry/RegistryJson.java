package jp.jpkigate.sim.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.revocation.Reason;
import jp.jpkigate.sim.revocation.RevocationEvent;

/** The registry as one JSON document ({@code registry.json}): counters, people, devices, certificates, events. */
final class RegistryJson {
    static final String FORMAT = "jpki-sim-registry/1";

    private RegistryJson() {
    }

    static JsonObject write(SimRegistry registry) {
        JsonArray people = new JsonArray();
        registry.people.values().forEach(p -> people.add(new JsonObject().put("id", p.id())
                .put("familyName", p.familyName()).put("givenName", p.givenName())
                .put("birthDate", p.birthDate().toString()).put("gender", p.gender().name())
                .put("address", p.address()).put("municipality", p.municipality().toString())
                .put("deceased", p.deceased()).put("dvProtection", p.dvProtection())));
        JsonArray devices = new JsonArray();
        registry.devices.values().forEach(d -> devices.add(new JsonObject().put("id", d.id())
                .put("personId", d.personId()).put("token", d.token().name()).put("algorithm", d.algorithm().name())
                .put("signature", id(d.signature())).put("authentication", id(d.authentication()))
                .put("cardId", d.cardId()).put("retired", d.retired())));
        JsonArray certificates = new JsonArray();
        registry.certificates.values().forEach(c -> certificates.add(id(c.id()).put("type", c.type().name())
                .put("personId", c.personId()).put("deviceId", c.deviceId())
                .put("partition", c.partition().toString()).put("subjectId", c.subjectId())
                .put("notBefore", c.notBefore().toString()).put("notAfter", c.notAfter().toString())
                .put("predecessor", c.predecessor() == null ? null : id(c.predecessor()))));
        JsonObject cas = new JsonObject();
        JsonArray events = new JsonArray();
        registry.ledger().all().forEach((caId, ledger) -> {
            cas.put(caId, new JsonObject().put("nextSerial", ledger.nextSerial.toString())
                    .put("nextSequence", ledger.nextSequence));
            ledger.events.forEach(e -> events.add(new JsonObject().put("sequence", e.sequence())
                    .put("caId", e.caId()).put("serial", e.serial().toString())
                    .put("partition", e.partition().toString()).put("at", e.at().toString())
                    .put("reason", e.reason().name())));
        });
        JsonObject counters = new JsonObject();
        registry.counters.forEach(counters::put);
        return new JsonObject().put("format", FORMAT).put("counters", counters).put("cas", cas)
                .put("people", people).put("devices", devices).put("certificates", certificates).put("events", events);
    }

    /** Fills an empty registry; throws IllegalArgumentException (or a JSON exception) on a malformed document. */
    static void read(JsonObject json, SimRegistry registry) {
        if (!FORMAT.equals(json.getString("format"))) {
            throw new IllegalArgumentException("not a " + FORMAT + " document");
        }
        for (Map.Entry<String, Object> counter : json.getJsonObject("counters")) {
            registry.counters.put(counter.getKey(), ((Number) counter.getValue()).intValue());
        }
        json.getJsonArray("people").forEach(o -> {
            JsonObject p = (JsonObject) o;
            registry.people.put(p.getString("id"), new Person(p.getString("id"), p.getString("familyName"),
                    p.getString("givenName"), LocalDate.parse(p.getString("birthDate")),
                    Gender.valueOf(p.getString("gender")), p.getString("address"),
                    Municipality.parse(p.getString("municipality")), p.getBoolean("deceased"),
                    p.getBoolean("dvProtection", false)));
        });
        json.getJsonArray("devices").forEach(o -> {
            JsonObject d = (JsonObject) o;
            registry.devices.put(d.getString("id"), new Device(d.getString("id"), d.getString("personId"),
                    TokenName.valueOf(d.getString("token")), KeyAlgorithm.valueOf(d.getString("algorithm")),
                    certId(d.getJsonObject("signature")), certId(d.getJsonObject("authentication")),
                    d.getString("cardId"), d.getBoolean("retired")));
        });
        json.getJsonArray("certificates").forEach(o -> {
            JsonObject c = (JsonObject) o;
            JsonObject predecessor = c.getJsonObject("predecessor");
            registry.record(new CertRecord(certId(c), CertificateType.valueOf(c.getString("type")),
                    c.getString("personId"), c.getString("deviceId"), Municipality.parse(c.getString("partition")),
                    c.getString("subjectId"), Instant.parse(c.getString("notBefore")),
                    Instant.parse(c.getString("notAfter")), predecessor == null ? null : certId(predecessor)));
        });
        json.getJsonArray("events").forEach(o -> {
            JsonObject e = (JsonObject) o;
            registry.ledger().replay(new RevocationEvent(e.getLong("sequence"), e.getString("caId"),
                    new BigInteger(e.getString("serial")), Municipality.parse(e.getString("partition")),
                    Instant.parse(e.getString("at")), Reason.valueOf(e.getString("reason"))));
        });
        for (Map.Entry<String, Object> ca : json.getJsonObject("cas")) {
            JsonObject counters = (JsonObject) ca.getValue();
            RevocationLedger.CaLedger ledger = registry.ledger().ca(ca.getKey());
            ledger.nextSerial = new BigInteger(counters.getString("nextSerial"));
            ledger.nextSequence = Math.max(ledger.nextSequence, counters.getLong("nextSequence"));
        }
    }

    private static JsonObject id(CertId id) {
        return new JsonObject().put("caId", id.caId()).put("serial", id.serial().toString());
    }

    private static CertId certId(JsonObject json) {
        return new CertId(json.getString("caId"), new BigInteger(json.getString("serial")));
    }
}
