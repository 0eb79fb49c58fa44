package jp.jpkigate.feed.detect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.idp.approval.FourInformationItem;

/**
 * Reads a 200 answer of J-LIS's {@code POST /jlis/four-information} (the simulator's format):
 * <pre>
 * {"status": "no_new_certificate"}
 * {"status": "updated", "issuer": "sign-2026", "certificate_serial": hex,
 *  "four_information": {"name", "address", "birthdate", "gender"} (only consented items), "withheld"?: ["address"]}
 * </pre>
 * Strict: an unknown status, a missing or malformed member, an unknown item, a value not in J-LIS's
 * encoding (gender 1/2/3, birthdate yyyy-MM-dd, name and address non-blank without control characters,
 * at most 256 / 512 characters) is {@link IllegalArgumentException}. Messages never quote values.
 */
public final class ProvisionAnswers {
    private static final Pattern CA_ID = Pattern.compile("[a-z]{1,16}-[0-9]{4}");
    private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,40}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Set<String> GENDERS = Set.of("1", "2", "3");

    private ProvisionAnswers() {
    }

    public static ProvisionAnswer parse(JsonObject body) {
        if (body == null) {
            throw new IllegalArgumentException("no JSON object");
        }
        Object status = body.getValue("status");
        if ("no_new_certificate".equals(status)) {
            return new ProvisionAnswer.NoNewCertificate();
        }
        if (!"updated".equals(status)) {
            throw new IllegalArgumentException("unknown status");
        }
        String caId = string(body, "issuer");
        String serial = string(body, "certificate_serial");
        if (!CA_ID.matcher(caId).matches() || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("issuer or certificate_serial malformed");
        }
        if (!(body.getValue("four_information") instanceof JsonObject info)) {
            throw new IllegalArgumentException("four_information must be an object");
        }
        Map<FourInformationItem, String> values = new EnumMap<>(FourInformationItem.class);
        for (String name : info.fieldNames()) {
            FourInformationItem item = item(name);
            if (!(info.getValue(name) instanceof String value) || !valid(item, value)) {
                throw new IllegalArgumentException("the value of " + ConsentItems.wireName(item) + " is malformed");
            }
            values.put(item, value);
        }
        Set<FourInformationItem> withheld = EnumSet.noneOf(FourInformationItem.class);
        Object listed = body.getValue("withheld");
        if (listed != null) {
            if (!(listed instanceof JsonArray array)) {
                throw new IllegalArgumentException("withheld must be an array");
            }
            for (Object name : array) {
                if (!withheld.add(item(name))) {
                    throw new IllegalArgumentException("withheld names an item twice");
                }
            }
        }
        return new ProvisionAnswer.Updated(caId, new BigInteger(serial, 16), values, withheld);
    }

    private static FourInformationItem item(Object name) {
        return ConsentItems.parse(List.of(name instanceof String s ? s : String.valueOf(name))).get(0);
    }

    private static String string(JsonObject body, String name) {
        if (!(body.getValue(name) instanceof String value)) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value;
    }

    private static boolean valid(FourInformationItem item, String value) {
        return switch (item) {
            case NAME -> text(value, 256);
            case ADDRESS -> text(value, 512);
            case GENDER -> GENDERS.contains(value);
            case BIRTHDATE -> date(value);
        };
    }

    private static boolean text(String value, int max) {
        return !value.isBlank() && value.length() <= max && value.chars().noneMatch(Character::isISOControl);
    }

    private static boolean date(String value) {
        if (!DATE.matcher(value).matches()) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
