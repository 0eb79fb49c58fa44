package jp.jpkigate.feed.set;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.consent.invitation.CustomerNumber;
import jp.jpkigate.idp.approval.FourInformationItem;

/** Checks shared by the event records and their payload parsers. */
final class EventFields {
    static final int MAX_CONSENT_ID = 128;

    private EventFields() {
    }

    /** 1 to 128 visible ASCII characters. */
    static String consentId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_CONSENT_ID
                || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("consent id must be 1 to " + MAX_CONSENT_ID + " visible ASCII characters");
        }
        return value;
    }

    static String customerNumber(String value) {
        return CustomerNumber.require(value);
    }

    static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** A string member of a payload, or {@link MalformedEventException}. */
    static String string(Map<String, Object> payload, String name) throws MalformedEventException {
        if (!(payload.get(name) instanceof String s)) {
            throw new MalformedEventException(name + " must be a string");
        }
        return s;
    }

    /** Item wire names, each known, none twice; {@code null} is the empty set when {@code optional}. */
    static Set<FourInformationItem> items(Object value, String name, boolean optional) throws MalformedEventException {
        if (value == null && optional) {
            return EnumSet.noneOf(FourInformationItem.class);
        }
        if (!(value instanceof List<?> list)) {
            throw new MalformedEventException(name + " must be an array of item names");
        }
        if (list.isEmpty()) {
            return EnumSet.noneOf(FourInformationItem.class);
        }
        try {
            return EnumSet.copyOf(ConsentItems.parse(list));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(name + ": " + e.getMessage());
        }
    }

    static List<String> wireNames(Set<FourInformationItem> items) {
        return items.isEmpty() ? List.of() : ConsentItems.wireNames(List.copyOf(items));
    }
}
