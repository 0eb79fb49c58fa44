package jp.jpkigate.consent.invite;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.consent.invitation.CustomerNumber;
import jp.jpkigate.consent.invitation.Purpose;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.json.JsonNesting;

/**
 * Reads {@code POST /consent/v1/invitations}:
 * <pre>
 * {"purpose": "...", "items": ["address", "name"], "expires_in": 2592000,
 *  "customers": [{"customer_number": "C-0001"}, ...]}
 * </pre>
 * {@code purpose} ({@link Purpose}), {@code items} ({@link ConsentItems}) and {@code customers} (1 to
 * the policy's maximum lines, each an object with only a {@link CustomerNumber}, none twice) are
 * required; {@code expires_in} is optional (whole seconds, 60 to the policy's maximum; the policy's
 * default without it). No other members. Every mistake is found in one pass and reported together
 * ({@link InvalidInvitationRequest}); nothing here throws anything else, whatever the input.
 */
public final class InvitationRequestParser {
    private static final Set<String> MEMBERS = Set.of("purpose", "items", "expires_in", "customers");
    private static final Set<String> LINE_MEMBERS = Set.of("customer_number");
    private static final int MAX_ECHO = 64;

    private final InvitationPolicy policy;

    public InvitationRequestParser(InvitationPolicy policy) {
        this.policy = policy;
    }

    public InvitationRequest parse(String body) throws InvalidInvitationRequest {
        JsonObject json = object(body);
        List<String> problems = new ArrayList<>();
        for (String name : json.fieldNames()) {
            if (!MEMBERS.contains(name)) {
                problems.add("unknown member '" + echo(name) + "'");
            }
        }
        String purpose = purpose(json.getValue("purpose"), problems);
        List<FourInformationItem> items = items(json.getValue("items"), problems);
        Duration lifetime = lifetime(json.getValue("expires_in"), problems);
        List<InvalidInvitationRequest.LineError> lineErrors = new ArrayList<>();
        List<String> customers = customers(json.getValue("customers"), problems, lineErrors);
        if (!problems.isEmpty() || !lineErrors.isEmpty()) {
            if (!lineErrors.isEmpty()) {
                problems.add(lineErrors.size() + " of the customers lines are invalid (see errors)");
            }
            throw new InvalidInvitationRequest(String.join("; ", problems), lineErrors);
        }
        return new InvitationRequest(purpose, items, lifetime, customers);
    }

    private static JsonObject object(String body) throws InvalidInvitationRequest {
        if (body != null && JsonNesting.exceeds(body, JsonNesting.MAX_DEPTH)) {
            throw new InvalidInvitationRequest("the body nests deeper than " + JsonNesting.MAX_DEPTH + " levels", List.of());
        }
        Object parsed;
        try {
            parsed = body == null ? null : Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new InvalidInvitationRequest("the body is not well-formed JSON", List.of());
        } catch (RuntimeException e) {
            throw new InvalidInvitationRequest("the body could not be read as JSON", List.of());
        }
        if (!(parsed instanceof JsonObject json)) {
            throw new InvalidInvitationRequest("the body must be a JSON object", List.of());
        }
        return json;
    }

    private static String purpose(Object value, List<String> problems) {
        if (!(value instanceof String text)) {
            problems.add(value == null ? "purpose is required" : "purpose must be a string");
            return null;
        }
        try {
            return Purpose.require(text);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static List<FourInformationItem> items(Object value, List<String> problems) {
        if (!(value instanceof JsonArray array)) {
            problems.add(value == null ? "items is required" : "items must be an array of strings");
            return null;
        }
        try {
            return ConsentItems.parse(array.getList());
        } catch (IllegalArgumentException e) {
            problems.add(echo(e.getMessage()));
            return null;
        }
    }

    private Duration lifetime(Object value, List<String> problems) {
        if (value == null) {
            return policy.defaultLifetime();
        }
        long seconds;
        if (value instanceof Integer || value instanceof Long) {
            seconds = ((Number) value).longValue();
        } else if (value instanceof BigInteger) {
            seconds = Long.MAX_VALUE;
        } else {
            problems.add("expires_in must be a whole number of seconds");
            return null;
        }
        long min = InvitationPolicy.MIN_LIFETIME.toSeconds();
        long max = policy.maxLifetime().toSeconds();
        if (seconds < min || seconds > max) {
            problems.add("expires_in must be " + min + " to " + max + " seconds");
            return null;
        }
        return Duration.ofSeconds(seconds);
    }

    private List<String> customers(Object value, List<String> problems, List<InvalidInvitationRequest.LineError> errors) {
        if (!(value instanceof JsonArray array)) {
            problems.add(value == null ? "customers is required" : "customers must be an array of objects");
            return null;
        }
        if (array.isEmpty() || array.size() > policy.maxCustomers()) {
            problems.add("customers must have 1 to " + policy.maxCustomers() + " lines, not " + array.size());
            return null;
        }
        List<String> out = new ArrayList<>(array.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            Object line = array.getValue(i);
            if (!(line instanceof JsonObject object)) {
                errors.add(new InvalidInvitationRequest.LineError(i, Optional.empty(),
                        "a line must be an object with customer_number"));
                continue;
            }
            Object number = object.getValue("customer_number");
            Optional<String> valid = number instanceof String s && CustomerNumber.isValid(s) ? Optional.of(s) : Optional.empty();
            String unknown = object.fieldNames().stream().filter(n -> !LINE_MEMBERS.contains(n)).findFirst().orElse(null);
            if (unknown != null) {
                errors.add(new InvalidInvitationRequest.LineError(i, valid, "unknown member '" + echo(unknown) + "'"));
            } else if (number == null) {
                errors.add(new InvalidInvitationRequest.LineError(i, valid, "customer_number is required"));
            } else if (valid.isEmpty()) {
                errors.add(new InvalidInvitationRequest.LineError(i, valid, number instanceof String
                        ? "customer_number must be 1 to " + CustomerNumber.MAX_LENGTH + " characters of A-Z a-z 0-9 - _ ."
                        : "customer_number must be a string"));
            } else {
                Integer first = seen.putIfAbsent(valid.get(), i);
                if (first != null) {
                    errors.add(new InvalidInvitationRequest.LineError(i, valid, "duplicate of line " + first));
                } else {
                    out.add(valid.get());
                }
            }
        }
        return out;
    }

    /** Input quoted back in a message: printable ASCII only, shortened. */
    private static String echo(String text) {
        String shortened = text.length() > MAX_ECHO * 3 ? text.substring(0, MAX_ECHO * 3) + "..." : text;
        StringBuilder out = new StringBuilder(shortened.length());
        for (int i = 0; i < shortened.length(); i++) {
            char c = shortened.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '?');
        }
        return out.toString();
    }
}
