package jp.jpkigate.feed.set;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person withdrew their consent: the business receives no more events for it. Event type
 * {@link EventTypes#CONSENT_WITHDRAWN}; payload:
 * <pre>{@code
 * {"customer_number": "0012345"}
 * }</pre>
 * The consent id is the SET's {@code sub_id}; the time of withdrawal its {@code toe}.
 */
public record ConsentWithdrawn(String consentId, String customerNumber, Instant withdrawnAt) implements SecurityEvent {
    /** @throws IllegalArgumentException naming the first rule broken */
    public ConsentWithdrawn {
        EventFields.consentId(consentId);
        EventFields.customerNumber(customerNumber);
        EventFields.required(withdrawnAt, "withdrawnAt");
    }

    @Override
    public Instant occurredAt() {
        return withdrawnAt;
    }

    @Override
    public String type() {
        return EventTypes.CONSENT_WITHDRAWN;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customer_number", customerNumber);
        return json;
    }

    static ConsentWithdrawn parse(String consentId, Instant withdrawnAt, Map<String, Object> payload)
            throws MalformedEventException {
        try {
            return new ConsentWithdrawn(consentId, EventFields.string(payload, "customer_number"), withdrawnAt);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }
}
