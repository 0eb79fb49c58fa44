package jp.jpkigate.feed.set;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.idp.approval.FourInformationItem;

/**
 * A consenting customer's basic 4 information changed (J-LIS answered the latest 4 information
 * after their signature certificate was revoked). Event type {@link EventTypes#FOUR_INFORMATION_CHANGED};
 * payload:
 * <pre>{@code
 * {
 *   "customer_number": "0012345",              // the business's number for its customer
 *   "changed": ["name", "address"],            // which items changed: a non-empty subset of
 *                                              //   name, birthdate, gender, address (card order)
 *   "values": {"name": "山田　花子"},           // new values of consented items J-LIS disclosed
 *   "withheld": ["address"]                    // only when not empty: consented items J-LIS
 *                                              //   withheld (DV / stalking protection measure)
 * }
 * }</pre>
 * Value formats: {@code name} as on the certificate (family name, U+3000, given name; at most 256
 * characters), {@code address} as on the certificate (at most 512), {@code birthdate}
 * {@code YYYY-MM-DD}, {@code gender} {@code male} / {@code female} / {@code unknown} (OpenID Connect
 * Core §5.1, as in the OP's ID tokens). Only consented items ever appear. Every changed item is in
 * {@code values} or in {@code withheld}, never both; {@code values} may also carry unchanged
 * consented items. The consent id is the SET's {@code sub_id}, the event time its {@code toe}.
 */
public record FourInformationChanged(String consentId, String customerNumber, Set<FourInformationItem> changed,
                                     Map<FourInformationItem, String> values, Set<FourInformationItem> withheld,
                                     Instant occurredAt) implements SecurityEvent {
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Set<String> GENDERS = Set.of("male", "female", "unknown");

    /** @throws IllegalArgumentException naming the first rule broken */
    public FourInformationChanged {
        EventFields.consentId(consentId);
        EventFields.customerNumber(customerNumber);
        EventFields.required(occurredAt, "occurredAt");
        if (changed == null || changed.isEmpty()) {
            throw new IllegalArgumentException("changed must name at least one item");
        }
        changed = Collections.unmodifiableSet(EnumSet.copyOf(changed));
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
        withheld = withheld.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(withheld));
        for (Map.Entry<FourInformationItem, String> e : values.entrySet()) {
            checkValue(e.getKey(), e.getValue());
            if (withheld.contains(e.getKey())) {
                throw new IllegalArgumentException(ConsentItems.wireName(e.getKey()) + " is withheld and has a value");
            }
        }
        for (FourInformationItem item : changed) {
            if (!values.containsKey(item) && !withheld.contains(item)) {
                throw new IllegalArgumentException("changed item " + ConsentItems.wireName(item) + " has no value and is not withheld");
            }
        }
    }

    private static void checkValue(FourInformationItem item, String value) {
        boolean ok = value != null && switch (item) {
            case NAME -> text(value, 256);
            case ADDRESS -> text(value, 512);
            case BIRTHDATE -> date(value);
            case GENDER -> GENDERS.contains(value);
        };
        if (!ok) {
            throw new IllegalArgumentException("the value of " + ConsentItems.wireName(item) + " is malformed");
        }
    }

    private static boolean text(String value, int max) {
        return !value.isBlank() && value.length() <= max && value.chars().noneMatch(Character::isISOControl);
    }

    private static boolean date(String value) {
        try {
            return DATE.matcher(value).matches() && LocalDate.parse(value) != null;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @Override
    public String type() {
        return EventTypes.FOUR_INFORMATION_CHANGED;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customer_number", customerNumber);
        json.put("changed", EventFields.wireNames(changed));
        Map<String, Object> valuesJson = new LinkedHashMap<>();
        values.forEach((item, value) -> valuesJson.put(ConsentItems.wireName(item), value));
        json.put("values", valuesJson);
        if (!withheld.isEmpty()) {
            json.put("withheld", EventFields.wireNames(withheld));
        }
        return json;
    }

    /** The event a payload describes; members not defined above are ignored. */
    static FourInformationChanged parse(String consentId, Instant occurredAt, Map<String, Object> payload)
            throws MalformedEventException {
        Set<FourInformationItem> changed = EventFields.items(payload.get("changed"), "changed", false);
        Set<FourInformationItem> withheld = EventFields.items(payload.get("withheld"), "withheld", true);
        if (!(payload.get("values") instanceof Map<?, ?> valuesJson)) {
            throw new MalformedEventException("values must be an object");
        }
        Map<FourInformationItem, String> values = new EnumMap<>(FourInformationItem.class);
        for (Map.Entry<?, ?> e : valuesJson.entrySet()) {
            Set<FourInformationItem> item = EventFields.items(java.util.List.of(String.valueOf(e.getKey())), "values", false);
            if (!(e.getValue() instanceof String value)) {
                throw new MalformedEventException("values: every value must be a string");
            }
            values.put(item.iterator().next(), value);
        }
        try {
            return new FourInformationChanged(consentId, EventFields.string(payload, "customer_number"), changed, values,
                    withheld, occurredAt);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }
}
