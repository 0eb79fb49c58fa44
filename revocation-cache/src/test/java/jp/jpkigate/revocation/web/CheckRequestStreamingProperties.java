package jp.jpkigate.revocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The streaming {@link CheckRequest#parse(Buffer)} against the tree it replaced,
 * {@code parse((JsonObject) Json.decodeValue(body))}: the same items, or the same problem (slug,
 * detail, index), for any body.
 */
class CheckRequestStreamingProperties {

    static String outcome(Buffer body) {
        try {
            return items(CheckRequest.parse(body));
        } catch (ProblemException e) {
            return problem(e);
        }
    }

    static String reference(Buffer body) {
        try {
            if (body == null || body.length() == 0 || body.length() > CheckRequest.MAX_BODY) {
                return outcome(body);
            }
            Object json;
            try {
                json = Json.decodeValue(body);
            } catch (RuntimeException | StackOverflowError e) {
                throw Problem.INVALID_REQUEST.withDetail("the body is not valid JSON").exception();
            }
            if (!(json instanceof JsonObject object)) {
                throw Problem.INVALID_REQUEST.withDetail("the body must be a JSON object").exception();
            }
            return items(CheckRequest.parse(object));
        } catch (ProblemException e) {
            return problem(e);
        }
    }

    static String items(CheckRequest request) {
        return request.items().stream()
                .map(item -> item.getClass().getSimpleName() + ":" + item.serial() + ":" + item.issuer())
                .collect(Collectors.joining(","));
    }

    static String problem(ProblemException e) {
        return e.problem().status() + " " + e.problem().slug() + " " + e.problem().index() + " " + e.problem().detail();
    }

    static void same(Buffer body) {
        assertThat(outcome(body)).isEqualTo(reference(body));
    }

    @Property(tries = 300)
    void arbitraryText(@ForAll String text) {
        same(Buffer.buffer(text));
    }

    @Property(tries = 300)
    void arbitraryBytes(@ForAll @Size(max = 300) byte[] bytes) {
        same(Buffer.buffer(bytes));
    }

    @Property(tries = 1000)
    void mutatedValidRequests(@ForAll @IntRange(min = 0, max = 3) int which,
                              @ForAll @IntRange(min = 0, max = 100_000) int position,
                              @ForAll("jsonish") char inserted, @ForAll @IntRange(min = 0, max = 2) int operation) {
        String valid = switch (which) {
            case 0 -> CheckRequestProperties.VALID_SERIALS;
            case 1 -> CheckRequestProperties.VALID_CERTIFICATES;
            case 2 -> "{\"certificate\":\"" + CheckRequestProperties.GOOD + "\",\"x\":[1,2.5e3,{\"a\":null}],\"certificate\":null}";
            default -> "{\"serials\":[{\"issuer\":\"AB\",\"serial\":\"1\",\"issuer\":\"CD12\"},null,{\"serial\":7}],\"o\":true}";
        };
        int at = position % valid.length();
        String mutated = switch (operation) {
            case 0 -> valid.substring(0, at) + valid.substring(at + 1);
            case 1 -> valid.substring(0, at) + inserted + valid.substring(at);
            default -> valid.substring(0, at) + inserted + valid.substring(at + 1);
        };
        same(Buffer.buffer(mutated));
    }

    @Property(tries = 300)
    void arbitraryJsonInEveryMember(@ForAll("members") String member, @ForAll("values") Object value,
                                    @ForAll("members") String other, @ForAll("values") Object otherValue) {
        same(new JsonObject().put(member, value).toBuffer());
        same(new JsonObject().put(member, new JsonArray().add(value).add(otherValue)).toBuffer());
        same(new JsonObject().put(member, value).put(other, otherValue).toBuffer());
        same(Buffer.buffer("{\"" + member + "\":" + Json.encode(value) + ",\"" + other + "\":" + Json.encode(otherValue)
                + ",\"" + member + "\":" + Json.encode(otherValue) + "}"));
    }

    @Property(tries = 30)
    void largeBatches(@ForAll @IntRange(min = 999, max = 1002) int size, @ForAll boolean serials) {
        JsonArray array = new JsonArray();
        for (int i = 0; i < size; i++) {
            array.add(serials ? new JsonObject().put("issuer", "AB").put("serial", Integer.toHexString(i))
                    : CheckRequestProperties.GOOD);
        }
        same(new JsonObject().put(serials ? "serials" : "certificates", array).toBuffer());
    }

    /**
     * Pairs read straight from the parser's buffer ({@link SerialPairReader}): issuers and serials of
     * hex-like text of any length (either case, non-ASCII digits, the same issuer again in another
     * case), members repeated, missing or of another type.
     */
    @Property(tries = 500)
    void serialPairsOfAnyText(@ForAll @Size(min = 1, max = 6) List<@From("pairMembers") List<Object>> elements) {
        JsonArray array = new JsonArray();
        StringBuilder raw = new StringBuilder("{\"serials\":[");
        for (List<Object> members : elements) {
            JsonObject pair = new JsonObject();
            StringBuilder object = new StringBuilder("{");
            for (int i = 0; i + 1 < members.size(); i += 2) {
                pair.put((String) members.get(i), members.get(i + 1));
                object.append(object.length() > 1 ? "," : "").append(Json.encode(members.get(i))).append(':')
                        .append(Json.encode(members.get(i + 1)));
            }
            array.add(pair);
            raw.append(raw.charAt(raw.length() - 1) == '[' ? "" : ",").append(object).append('}');
        }
        same(new JsonObject().put("serials", array).toBuffer());
        same(Buffer.buffer(raw.append("]}").toString()));
    }

    /**
     * Batches in the shape the byte scanner reads ({@link UsualRequestScanner}), with JSON whitespace of
     * any kind between any tokens, members in either order, and now and then something it must leave to
     * Jackson (an escape, a third member, a character that is not hex, a stray byte).
     */
    @Property(tries = 500)
    void usualBatchesWithAnyWhitespace(@ForAll @Size(min = 1, max = 5) List<@From("pairValues") List<String>> pairs,
                                       @ForAll @Size(min = 40, max = 40) List<@From("gaps") String> gaps,
                                       @ForAll @IntRange(min = 0, max = 12) int oddity, @ForAll boolean swapped) {
        List<String> tokens = new ArrayList<>(List.of("{", "\"serials\"", ":", "["));
        for (int i = 0; i < pairs.size(); i++) {
            List<String> pair = pairs.get(i);
            String issuer = "\"issuer\"" + ":" + Json.encode(pair.get(0));
            String serial = "\"serial\"" + ":" + Json.encode(pair.get(1));
            tokens.addAll(List.of(i == 0 ? "" : ",", "{", swapped ? serial : issuer, ",", swapped ? issuer : serial, "}"));
        }
        tokens.addAll(List.of("]", "}"));
        switch (oddity) {
            case 0 -> tokens.set(4, tokens.get(4) + "{\"other\":1},");
            case 1 -> tokens.set(1, "\"seri\\u0061ls\"");
            case 2 -> tokens.set(tokens.size() - 1, "}x");
            case 3 -> tokens.set(6, tokens.get(6).replace("\":\"", "\":\"\\u0030"));
            case 4 -> tokens.set(6, tokens.get(6) + ",\"issuer\":\"AB\"");
            case 5 -> tokens.add(0, "\uFEFF");
            default -> { }
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            body.append(gaps.get(i % gaps.size())).append(tokens.get(i));
        }
        same(Buffer.buffer(body.append(gaps.get(0)).toString()));
    }

    /** One certificate in the shape the byte scanner reads, with any whitespace, and values it must refuse or leave to Jackson. */
    @Property(tries = 300)
    void usualCertificateWithAnyWhitespace(@ForAll @Size(min = 6, max = 6) List<@From("gaps") String> gaps,
                                           @ForAll @IntRange(min = 0, max = 9) int value) {
        String good = CheckRequestProperties.GOOD;
        String text = switch (value) {
            case 0 -> good.replace('+', '-').replace('/', '_');
            case 1 -> good.replace("=", "");
            case 2 -> good.substring(0, good.length() / 2);
            case 3 -> "AAAA";
            case 4 -> good.substring(0, 10) + "\\u0041" + good.substring(10);
            case 5 -> good + "\"}{\"x\":\"";
            case 6 -> "";
            default -> good;
        };
        List<String> tokens = List.of("{", "\"certificate\"", ":", "\"" + text + "\"", "}");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            body.append(gaps.get(i)).append(tokens.get(i));
        }
        same(Buffer.buffer(body.append(gaps.get(5)).toString()));
    }

    /**
     * Certificate batches in the shape the byte scanner reads, with any whitespace, certificates of every
     * padding (DER lengths of each remainder mod 3) in either alphabet, padded or not, and texts it must
     * refuse or leave to Jackson (not base64, not DER, mixed alphabets, an escape, a stray member or byte).
     * A batch of valid certificates is read by the scanner itself, not handed on.
     */
    @Property(tries = 500)
    void usualCertificateBatchesWithAnyWhitespace(@ForAll @Size(min = 1, max = 4) List<@From("certificateTexts") String> texts,
                                                  @ForAll @Size(min = 16, max = 16) List<@From("gaps") String> gaps,
                                                  @ForAll @IntRange(min = 0, max = 12) int oddity) {
        List<String> tokens = new ArrayList<>(List.of("{", "\"certificates\"", ":", "["));
        for (int i = 0; i < texts.size(); i++) {
            tokens.addAll(List.of(i == 0 ? "" : ",", "\"" + texts.get(i) + "\""));
        }
        tokens.addAll(List.of("]", "}"));
        switch (oddity) {
            case 0 -> tokens.set(4, "{\"other\":1},");
            case 1 -> tokens.set(tokens.size() - 1, "}x");
            case 2 -> tokens.set(4, "null,");
            case 3 -> tokens.set(1, "\"certificate\"");
            case 4 -> tokens.add(1, "\"x\":1,");
            default -> { }
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            body.append(gaps.get(i % gaps.size())).append(tokens.get(i));
        }
        Buffer buffer = Buffer.buffer(body.append(gaps.get(0)).toString());
        same(buffer);
        if (oddity > 4 && texts.stream().allMatch(VALID_TEXTS::contains) && gaps.stream().allMatch(gap -> gap.matches("[ \\t\\r\\n]*"))) {
            assertThat(CheckRequest.usualRequest(buffer)).as("read by the scanner").isNotNull();
        }
    }

    /**
     * A text cut short, then another string whose closing quote stands where the first certificate's own
     * length says its text ends: the scanner must not take the two strings for one.
     */
    @Property(tries = 200)
    void aQuoteWhereACertificateWouldEnd(@ForAll @IntRange(min = 0, max = 4) int which,
                                         @ForAll @IntRange(min = 8, max = 4000) int cut, @ForAll boolean padded) {
        String text = base64(CertificateDerProperties.VALID.get(which), padded, false);
        int at = Math.min(cut, text.length() - 4);
        String filler = text.substring(0, text.length() - at - 3);
        same(Buffer.buffer("{\"certificates\":[\"" + text.substring(0, at) + "\",\"" + filler + "\"]}"));
        same(Buffer.buffer("{\"certificates\":[\"" + text.substring(0, at) + "\",\"" + filler + "\",\"" + text + "\"]}"));
        same(Buffer.buffer("{\"certificate\":\"" + text.substring(0, at) + "\",\"" + filler + "\"}"));
    }

    static String base64(byte[] der, boolean padded, boolean urlSafe) {
        Base64.Encoder encoder = urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder();
        return (padded ? encoder : encoder.withoutPadding()).encodeToString(der);
    }

    /** The valid certificates' texts: every padding, both alphabets. */
    static final List<String> VALID_TEXTS = CertificateDerProperties.VALID.stream()
            .flatMap(der -> Stream.of(base64(der, true, false), base64(der, false, false), base64(der, true, true),
                    base64(der, false, true)))
            .toList();

    @Provide
    Arbitrary<String> certificateTexts() {
        Arbitrary<String> valid = Arbitraries.of(VALID_TEXTS);
        Arbitrary<String> mutated = Arbitraries.of(VALID_TEXTS).flatMap(text -> Arbitraries.integers()
                .between(0, text.length() - 1).flatMap(at -> Arbitraries.of(
                        text.substring(0, at) + text.substring(at + 1),
                        text.substring(0, at),
                        text.substring(0, at) + "A" + text.substring(at),
                        text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1),
                        text.substring(0, at) + "\\u0041" + text.substring(at),
                        text.substring(0, at) + "=" + text.substring(at + 1),
                        text.substring(0, at) + "\u00e9" + text.substring(at + 1),
                        text + "=", text + "==", text + "A",
                        text.substring(0, at) + (text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? "+" : "_")
                                + text.substring(at + 1))));
        Arbitrary<String> trailing = Arbitraries.of(CertificateDerProperties.VALID).map(der -> {
            byte[] longer = Arrays.copyOf(der, der.length + 1);
            return base64(longer, true, false);
        });
        Arbitrary<String> odd = Arbitraries.of("", "A", "AA", "AAAA", "MIIB", "MIIBAAAA", "MA==", "MAA=", "MIIEAAA");
        return Arbitraries.frequencyOf(Tuple.of(4, valid), Tuple.of(4, mutated), Tuple.of(1, trailing), Tuple.of(1, odd));
    }

    @Provide
    Arbitrary<List<String>> pairValues() {
        Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(1).ofMaxLength(42);
        Arbitrary<String> odd = Arbitraries.of("", "G1", "1 ", "\u00e9", "AB\"", "0x1", "AB\\");
        return Arbitraries.oneOf(hex, hex, hex, hex, odd).list().ofSize(2);
    }

    @Provide
    Arbitrary<String> gaps() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(""),
                Arbitraries.strings().withChars(" \t\r\n").ofMaxLength(3), Arbitraries.of("\u000b", "\u00a0", "/"));
    }

    @Provide
    Arbitrary<List<Object>> pairMembers() {
        Arbitrary<String> hexish = Arbitraries.strings().withChars("0123456789abcdefABCDEFgG \u0663\uff46").ofMaxLength(42);
        Arbitrary<String> longHex = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(100).ofMaxLength(132);
        Arbitrary<Object> value = Arbitraries.oneOf(hexish, longHex, Arbitraries.of("AB", "ab", "aB", "Ab", "00", "0"),
                Arbitraries.integers(), Arbitraries.just(true)).map(v -> (Object) v).injectNull(0.05);
        Arbitrary<Object> name = Arbitraries.of("issuer", "serial", "issuer", "serial", "other");
        return Arbitraries.oneOf(name, value).list().ofMaxSize(8)
                .map(generated -> {
                    List<Object> list = new ArrayList<>(generated);
                    for (int i = 0; i < list.size(); i += 2) {
                        if (!(list.get(i) instanceof String)) {
                            list.set(i, "issuer");
                        }
                    }
                    return list;
                });
    }

    @Property(tries = 30)
    void deeplyNestedJson(@ForAll @IntRange(min = 1, max = 3000) int depth) {
        same(Buffer.buffer("{\"certificates\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
        same(Buffer.buffer("{\"other\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"certificate\":\"AA\"}"));
        same(Buffer.buffer("[".repeat(depth)));
    }

    @Provide
    Arbitrary<Character> jsonish() {
        return Arbitraries.of('{', '}', '[', ']', ',', ':', '"', '\\', ' ', 'n', '0', '-', 'e', '.', 'A', '/', '\u00e9');
    }

    @Provide
    Arbitrary<String> members() {
        return Arbitraries.of("certificate", "certificates", "serials", "other");
    }

    @Provide
    Arbitrary<Object> values() {
        return new CheckRequestProperties().values().injectNull(0.1);
    }
}
