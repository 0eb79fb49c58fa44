package jp.jpkigate.feed.poll;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.feed.outbox.OutboxEvent;
import jp.jpkigate.feed.outbox.SetError;

/**
 * An RFC 8936 §2.4 poll request, parsed and checked:
 * <pre>
 * {"maxEvents": n, "returnImmediately": true|false, "ack": [jti, ...], "setErrs": {jti: {"err", "description"}}}
 * </pre>
 * Every member is optional: no {@code maxEvents} lets the transmitter choose, {@code returnImmediately}
 * defaults to false (long polling, §2.4.1). Members this parser does not know are ignored.
 *
 * @param maxEvents         at most this many SETs in the answer (0: acknowledge only); empty: the transmitter's choice
 * @param returnImmediately answer at once even with nothing to send
 * @param acks              SETs the recipient received (§2.4.2)
 * @param setErrs           SETs the recipient refused, with why (§2.4.3)
 */
public record PollRequest(Optional<Integer> maxEvents, boolean returnImmediately, List<String> acks,
                          Map<String, SetError> setErrs) {
    /** Most jtis in {@code ack} plus {@code setErrs} of one request. */
    public static final int MAX_SETTLEMENTS = 1000;

    public PollRequest {
        Objects.requireNonNull(maxEvents, "maxEvents");
        acks = List.copyOf(acks);
        setErrs = Map.copyOf(setErrs);
    }

    /** The request in {@code body} (UTF-8 JSON), or why it is refused. */
    public static PollRequest parse(String body) throws PollRequestException {
        JsonObject json;
        try {
            json = new JsonObject(body == null ? "" : body);
        } catch (RuntimeException e) { // DecodeException, nesting or length constraints
            throw new PollRequestException("the body must be a JSON object");
        }
        Optional<Integer> maxEvents = maxEvents(json.getValue("maxEvents"));
        Object immediately = json.getValue("returnImmediately");
        if (immediately != null && !(immediately instanceof Boolean)) {
            throw new PollRequestException("returnImmediately must be true or false");
        }
        List<String> acks = acks(json.getValue("ack"));
        Map<String, SetError> errs = setErrs(json.getValue("setErrs"));
        if (acks.size() + errs.size() > MAX_SETTLEMENTS) {
            throw new PollRequestException("at most " + MAX_SETTLEMENTS + " SETs may be acknowledged or refused at once");
        }
        for (String jti : acks) {
            if (errs.containsKey(jti)) {
                throw new PollRequestException("a SET cannot be both acknowledged and refused");
            }
        }
        return new PollRequest(maxEvents, Boolean.TRUE.equals(immediately), acks, errs);
    }

    private static Optional<Integer> maxEvents(Object value) throws PollRequestException {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger n = new BigInteger(value.toString());
            if (n.signum() >= 0) {
                return Optional.of(n.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue());
            }
        }
        throw new PollRequestException("maxEvents must be a non-negative integer");
    }

    private static List<String> acks(Object value) throws PollRequestException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > MAX_SETTLEMENTS) {
            throw new PollRequestException("ack must be an array of at most " + MAX_SETTLEMENTS + " jti strings");
        }
        List<String> acks = new ArrayList<>(array.size());
        for (Object jti : array) {
            acks.add(jti("ack", jti));
        }
        return acks;
    }

    private static Map<String, SetError> setErrs(Object value) throws PollRequestException {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object) || object.size() > MAX_SETTLEMENTS) {
            throw new PollRequestException("setErrs must be an object of at most " + MAX_SETTLEMENTS + " members");
        }
        Map<String, SetError> errs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object) {
            if (!(e.getValue() instanceof JsonObject error) || !(error.getValue("err") instanceof String err)
                    || err.isEmpty() || err.length() > SetError.MAX_LENGTH
                    || error.getValue("description") != null && !(error.getValue("description") instanceof String)) {
                throw new PollRequestException("each setErrs member must be {\"err\": string, \"description\": string}");
            }
            String description = error.getValue("description") instanceof String d ? d : "";
            errs.put(jti("setErrs", e.getKey()), new SetError(err, description));
        }
        return errs;
    }

    private static String jti(String member, Object value) throws PollRequestException {
        if (value instanceof String jti) {
            try {
                return OutboxEvent.checkId("jti", jti);
            } catch (IllegalArgumentException e) {
                // fall through
            }
        }
        throw new PollRequestException(member + " names a SET by its jti: 1 to " + OutboxEvent.MAX_ID_LENGTH
                + " visible ASCII characters");
    }
}
