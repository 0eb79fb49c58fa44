package jp.jpkigate.feed.receiver;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.feed.set.SecurityEvent;

/** A SET that was decrypted, verified and accepted, with its event. */
public record ReceivedSet(String jti, String issuer, Instant issuedAt, Optional<String> txn, SecurityEvent event) {
    public ReceivedSet {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(txn, "txn");
        Objects.requireNonNull(event, "event");
    }

    /**
     * {@code {"jti", "iss", "iat", "txn"?, "type", "consent_id", "toe", "payload"}}: times as ISO-8601,
     * the payload as in the SET.
     */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("jti", jti).put("iss", issuer).put("iat", issuedAt.toString());
        txn.ifPresent(t -> json.put("txn", t));
        return json.put("type", event.type()).put("consent_id", event.consentId())
                .put("toe", event.occurredAt().toString()).put("payload", new JsonObject(event.payload()));
    }
}
