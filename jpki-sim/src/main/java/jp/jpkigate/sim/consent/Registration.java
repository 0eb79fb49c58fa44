package jp.jpkigate.sim.consent;

import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A signed consent the platform operator registers ({@code POST /jlis/consents}):
 * <pre>
 *   "consent_id":    the platform operator's id, 1 to 64 of A-Z a-z 0-9 _ -
 *   "business_id":   1 to 255 visible ASCII characters (U+0021..U+007E)
 *   "business_name": 1 to 255 characters, not blank, no control characters
 *   "items":         a non-empty subset of "name", "address", "birthdate", "gender", each at most once
 *   "statement", "signature", "certificate": see {@link SignedStatement}
 * </pre>
 * Other members are ignored.
 */
public record Registration(String consentId, String businessId, String businessName, Set<Item> items,
                           SignedStatement signed) {
    static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern BUSINESS_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");
    static final Pattern BUSINESS_NAME = Pattern.compile("(?=.*\\S)[^\\p{Cntrl}]{1,255}");

    public Registration {
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(businessId, "businessId");
        Objects.requireNonNull(businessName, "businessName");
        Objects.requireNonNull(signed, "signed");
        items = Set.copyOf(items);
    }

    /** Reads and checks a request body; throws {@link ConsentRefused} ({@link Refusal#MALFORMED}). */
    public static Registration parse(JsonObject json) {
        String consentId = JsonFields.string(json, "consent_id", CONSENT_ID, "1 to 64 of A-Z a-z 0-9 _ -");
        String businessId = JsonFields.string(json, "business_id", BUSINESS_ID, "1 to 255 visible ASCII characters");
        String businessName = JsonFields.string(json, "business_name", BUSINESS_NAME,
                "1 to 255 characters, not blank, without control characters");
        List<String> names = JsonFields.strings(json, "items");
        Set<Item> items = EnumSet.noneOf(Item.class);
        for (String name : names) {
            Item item = Item.parse(name).orElseThrow(() -> Refusal.MALFORMED.refuse(
                    "'items' may hold only \"name\", \"address\", \"birthdate\" and \"gender\""));
            if (!items.add(item)) {
                throw Refusal.MALFORMED.refuse("'items' names \"" + name + "\" twice");
            }
        }
        if (items.isEmpty()) {
            throw Refusal.MALFORMED.refuse("'items' must name at least one item");
        }
        return new Registration(consentId, businessId, businessName, items, SignedStatement.parse(json));
    }
}
