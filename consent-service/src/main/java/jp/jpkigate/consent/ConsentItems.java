package jp.jpkigate.consent;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.jpkigate.idp.approval.FourInformationItem;

/**
 * The items of the basic 4 information a consent covers, by their wire names {@code name},
 * {@code address}, {@code birthdate}, {@code gender} (the OIDC claim names the OP already uses).
 * Always kept in one order (the card's: name, birth date, gender, address) so that two consents
 * for the same items sign the same bytes.
 */
public final class ConsentItems {
    private ConsentItems() {
    }

    public static String wireName(FourInformationItem item) {
        return item.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The items named by {@code names}: at least one, each known, none twice. Throws
     * {@link IllegalArgumentException} naming the first mistake.
     */
    public static List<FourInformationItem> parse(List<?> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("items must name at least one of name, address, birthdate, gender");
        }
        Set<FourInformationItem> items = EnumSet.noneOf(FourInformationItem.class);
        for (Object name : names) {
            FourInformationItem item = byWireName(name);
            if (!items.add(item)) {
                throw new IllegalArgumentException("items names " + name + " twice");
            }
        }
        return List.copyOf(items);
    }

    /** The wire names, in the card's order. */
    public static List<String> wireNames(List<FourInformationItem> items) {
        List<String> out = new ArrayList<>(items.size());
        for (FourInformationItem item : EnumSet.copyOf(items)) {
            out.add(wireName(item));
        }
        return out;
    }

    private static FourInformationItem byWireName(Object name) {
        if (name instanceof String text) {
            for (FourInformationItem item : FourInformationItem.values()) {
                if (wireName(item).equals(text)) {
                    return item;
                }
            }
        }
        throw new IllegalArgumentException("unknown item " + (name instanceof String ? "'" + name + "'" : "of type "
                + (name == null ? "null" : name.getClass().getSimpleName()))
                + ": items are name, address, birthdate, gender");
    }
}
