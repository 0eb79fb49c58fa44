package jp.jpkigate.feed.set;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of a feed SET (RFC 8417 §2.2), written and read in one place:
 * <pre>{@code
 * {
 *   "iss": "<OP issuer>",
 *   "aud": "<client id of the business>",
 *   "iat": 1767225600,
 *   "jti": "<128 random bits, base64url>",
 *   "toe": 1767225590,                                   // time of event
 *   "txn": "<transaction id>",                           // optional
 *   "sub_id": {"format": "opaque", "id": "<consent id>"} // RFC 9493 §3.2.1
 *   "events": {"<event type URI>": { <payload> }}        // exactly one event
 * }
 * }</pre>
 * The subject is the consent, never the person's pairwise {@code sub} or name.
 */
public final class SetClaims {
    public static final String TOE = "toe";
    public static final String TXN = "txn";
    public static final String EVENTS = "events";
    public static final String SUB_ID = "sub_id";

    private SetClaims() {
    }

    public static JWTClaimsSet build(String issuer, String audience, Instant issuedAt, String jti, Optional<String> txn,
                                     SecurityEvent event) {
        Map<String, Object> subId = new LinkedHashMap<>();
        subId.put("format", "opaque");
        subId.put("id", event.consentId());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(audience).issueTime(Date.from(issuedAt)).jwtID(jti)
                .claim(TOE, event.occurredAt().getEpochSecond())
                .claim(SUB_ID, subId)
                .claim(EVENTS, Map.of(event.type(), event.payload()));
        txn.ifPresent(t -> claims.claim(TXN, t));
        return claims.build();
    }

    /**
     * The one event of verified claims, with its consent id from {@code sub_id} and its time from
     * {@code toe}.
     *
     * @throws MalformedEventException when {@code events} does not hold exactly one event of a known
     *                                 type with a valid payload, or {@code sub_id} / {@code toe} are missing or malformed
     */
    public static SecurityEvent event(JWTClaimsSet claims) throws MalformedEventException {
        if (!(claims.getClaim(EVENTS) instanceof Map<?, ?> events) || events.size() != 1) {
            throw new MalformedEventException("events must hold exactly one event");
        }
        Map.Entry<?, ?> only = events.entrySet().iterator().next();
        if (!(only.getValue() instanceof Map<?, ?> raw)) {
            throw new MalformedEventException("the event payload must be an object");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        raw.forEach((k, v) -> payload.put(String.valueOf(k), v));
        String consentId = consentId(claims.getClaim(SUB_ID));
        Instant toe = toe(claims.getClaim(TOE));
        String type = String.valueOf(only.getKey());
        return switch (type) {
            case EventTypes.FOUR_INFORMATION_CHANGED -> FourInformationChanged.parse(consentId, toe, payload);
            case EventTypes.CONSENT_WITHDRAWN -> ConsentWithdrawn.parse(consentId, toe, payload);
            default -> throw new MalformedEventException("unknown event type");
        };
    }

    private static String consentId(Object subId) throws MalformedEventException {
        if (!(subId instanceof Map<?, ?> map) || !"opaque".equals(map.get("format")) || !(map.get("id") instanceof String id)) {
            throw new MalformedEventException("sub_id must be {\"format\": \"opaque\", \"id\": <consent id>}");
        }
        try {
            return EventFields.consentId(id);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }

    private static Instant toe(Object value) throws MalformedEventException {
        if (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 253402300799d) {
            throw new MalformedEventException("toe must be a NumericDate");
        }
        return Instant.ofEpochSecond(n.longValue());
    }
}
