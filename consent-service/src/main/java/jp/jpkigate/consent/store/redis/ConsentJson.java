package jp.jpkigate.consent.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.ConsentState;
import jp.jpkigate.consent.record.Registration;
import jp.jpkigate.consent.record.Withdrawal;
import jp.jpkigate.idp.approval.FourInformationItem;

/**
 * The stored JSON of invitations and consent records (version {@code v: 1}); times in epoch
 * milliseconds, bytes in base64, serials in hex. Item digests ({@code "digests": {"name": …}}) are written only
 * when the record has any, so a record without them keeps its encoding. Encoding is deterministic (fixed member order), which
 * the compare-and-set of {@code RedisConsentStore} relies on. A damaged value decodes to
 * {@link IllegalArgumentException}.
 */
final class ConsentJson {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private ConsentJson() {
    }

    static String encode(Invitation i) {
        return new JsonObject().put("v", 1).put("id", i.id()).put("client_id", i.clientId())
                .put("customer_number", i.customerNumber()).put("items", new JsonArray(ConsentItems.wireNames(i.items())))
                .put("purpose", i.purpose()).put("created", i.createdAt().toEpochMilli())
                .put("expires", i.expiresAt().toEpochMilli()).encode();
    }

    static Invitation decodeInvitation(String text) {
        try {
            JsonObject j = versioned(text);
            return new Invitation(j.getString("id"), j.getString("client_id"), j.getString("customer_number"),
                    ConsentItems.parse(j.getJsonArray("items").getList()), j.getString("purpose"),
                    Instant.ofEpochMilli(j.getLong("created")), Instant.ofEpochMilli(j.getLong("expires")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("damaged stored invitation", e);
        }
    }

    static String encode(ConsentRecord c) {
        JsonObject j = new JsonObject().put("v", 1).put("id", c.id()).put("client_id", c.clientId())
                .put("customer_number", c.customerNumber()).put("person", c.personKey())
                .put("items", new JsonArray(ConsentItems.wireNames(c.items()))).put("purpose", c.purpose())
                .put("signed", c.signedAt().toEpochMilli()).put("state", c.state().name())
                .put("evidence", evidence(c.evidence()));
        c.registration().ifPresent(r -> j.put("registration", new JsonObject().put("registry_id", r.registryId())
                .put("recorded", r.recordedAt().toEpochMilli()).put("valid_until", r.validUntil().toString())));
        c.withdrawal().ifPresent(w -> {
            JsonObject wj = new JsonObject().put("at", w.at().toEpochMilli()).put("source", w.source().name())
                    .put("reported", w.reportedToRegistry());
            w.evidence().ifPresent(e -> wj.put("evidence", evidence(e)));
            j.put("withdrawal", wj);
        });
        if (!c.itemDigests().isEmpty()) {
            JsonObject digests = new JsonObject();
            c.itemDigests().forEach((item, digest) -> digests.put(ConsentItems.wireName(item), digest));
            j.put("digests", digests);
        }
        return j.encode();
    }

    static ConsentRecord decodeConsent(String text) {
        try {
            JsonObject j = versioned(text);
            JsonObject r = j.getJsonObject("registration");
            JsonObject w = j.getJsonObject("withdrawal");
            return new ConsentRecord(j.getString("id"), j.getString("client_id"), j.getString("customer_number"),
                    j.getString("person"), ConsentItems.parse(j.getJsonArray("items").getList()), j.getString("purpose"),
                    Instant.ofEpochMilli(j.getLong("signed")), ConsentState.valueOf(j.getString("state")),
                    r == null ? Optional.empty() : Optional.of(new Registration(r.getString("registry_id"),
                            Instant.ofEpochMilli(r.getLong("recorded")), LocalDate.parse(r.getString("valid_until")))),
                    evidence(j.getJsonObject("evidence")),
                    w == null ? Optional.empty() : Optional.of(new Withdrawal(Instant.ofEpochMilli(w.getLong("at")),
                            Withdrawal.Source.valueOf(w.getString("source")),
                            w.containsKey("evidence") ? Optional.of(evidence(w.getJsonObject("evidence"))) : Optional.empty(),
                            w.getBoolean("reported"))), digests(j.getJsonObject("digests")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("damaged stored consent", e);
        }
    }

    private static Map<FourInformationItem, String> digests(JsonObject j) {
        Map<FourInformationItem, String> out = new EnumMap<>(FourInformationItem.class);
        if (j != null) {
            for (String name : j.fieldNames()) {
                out.put(ConsentItems.parse(List.of(name)).get(0), Objects.requireNonNull(j.getString(name), name));
            }
        }
        return out;
    }

    private static JsonObject evidence(ConsentEvidence e) {
        JsonObject j = new JsonObject().put("statement", B64.encodeToString(e.statement()))
                .put("signature", B64.encodeToString(e.signature())).put("issuer", e.certificateIssuer())
                .put("serial", e.certificateSerial().toString(16)).put("result", e.result())
                .put("verified", e.verifiedAt().toEpochMilli());
        e.certificate().ifPresent(der -> j.put("certificate", B64.encodeToString(der)));
        return j;
    }

    private static ConsentEvidence evidence(JsonObject j) {
        String der = j.getString("certificate");
        return new ConsentEvidence(B64D.decode(j.getString("statement")), B64D.decode(j.getString("signature")),
                j.getString("issuer"), new BigInteger(j.getString("serial"), 16),
                der == null ? Optional.empty() : Optional.of(B64D.decode(der)), j.getString("result"),
                Instant.ofEpochMilli(j.getLong("verified")));
    }

    private static JsonObject versioned(String text) {
        JsonObject j = new JsonObject(text);
        if (!Integer.valueOf(1).equals(j.getInteger("v"))) {
            throw new IllegalArgumentException("unknown stored version");
        }
        return j;
    }
}
