package jp.jpkigate.consent.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 8785's examples that use only the types we sign, and the refusals. */
class CanonicalJsonTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String canonical(String json) {
        return new String(CanonicalJson.canonicalize(CanonicalJson.parse(utf8(json))), StandardCharsets.UTF_8);
    }

    /** RFC 8785 3.2.3: names sort by UTF-16 code units, so the emoji's surrogates sort before U+FB33. */
    @Test
    void sortsMembersByUtf16CodeUnits() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";

        Map<String, Object> sorted = CanonicalJson.parse(utf8(canonical(input)));

        assertThat(sorted.values()).containsExactly("Carriage Return", "One", "Control",
                "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh");
        assertThat(canonical(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    /** RFC 8785 3.2.2's example without its floats ("numbers" is refused: we never sign floats). */
    @Test
    void writesStringsAndLiteralsAsEcmaScriptDoes() {
        String literalsAndString = """
                {
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        String withNumbers = literalsAndString.replace("{", "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],");

        assertThat(canonical(literalsAndString))
                .isEqualTo("{\"literals\":[null,true,false],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
        assertThatThrownBy(() -> CanonicalJson.parse(utf8(withNumbers)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("333333333.33333329");
    }

    /** RFC 8785 3.2.4: UTF-8 output, no Unicode normalization. */
    @Test
    void writesUtf8WithoutNormalizing() {
        byte[] out = CanonicalJson.canonicalize(Map.of("Unnormalized Unicode", "A\u030a"));

        assertThat(HexFormat.of().formatHex(out))
                .isEqualTo("7b22556e6e6f726d616c697a656420556e69636f6465223a2241cc8a227d");
    }

    @Test
    void escapesControlsLikeJsonStringify() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        controls.append("\u007f/\u2028<");

        assertThat(new String(CanonicalJson.canonicalize(controls.toString()), StandardCharsets.UTF_8)).isEqualTo("\""
                + "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
                + "\u007f/\u2028<\"");
    }

    @Test
    void writesNestedValuesWithoutWhitespace() {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("z", List.of(1, -2L, Arrays.asList(null, true)));
        statement.put("a", Map.of("max", CanonicalJson.MAX_SAFE_INTEGER, "min", -CanonicalJson.MAX_SAFE_INTEGER));
        statement.put("empty", Map.of());

        assertThat(new String(CanonicalJson.canonicalize(statement), StandardCharsets.UTF_8)).isEqualTo(
                "{\"a\":{\"max\":9007199254740991,\"min\":-9007199254740991},\"empty\":{},\"z\":[1,-2,[null,true]]}");
    }

    @Test
    void refusesFloatsUnsafeIntegersAndOtherTypes() {
        for (Object value : List.of(1.0, 0.5f, Double.NaN, Double.POSITIVE_INFINITY, BigDecimal.ONE, BigInteger.TEN,
                (short) 1, CanonicalJson.MAX_SAFE_INTEGER + 1, Long.MIN_VALUE, new Object(), 'c')) {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(List.of(value)))
                    .as("%s", value).isInstanceOf(IllegalArgumentException.class);
        }
        Map<Object, Object> numberKey = new HashMap<>();
        numberKey.put(1, "x");
        assertThatThrownBy(() -> CanonicalJson.canonicalize(numberKey)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesLoneSurrogates() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("a\ud800b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate U+D800");
        assertThatThrownBy(() -> CanonicalJson.canonicalize(Map.of("\udc00", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.parse(utf8("{\"a\":\"\\ud83d\"}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.parse(utf8("{\"\\ude00\":1}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMalformedStatements() {
        for (String json : List.of("", "[]", "\"s\"", "{", "{\"a\":1,\"a\":2}", "{\"a\":1}x", "{\"a\":1}{}",
                "{\"a\":1e2}", "{\"a\":1.0}", "{\"a\":-0.0}", "{\"a\":NaN}", "{\"a\":01}", "{'a':1}", "{\"a\":1,}",
                "{\"a\":\"\t\"}", "\uFEFF{}", "{\"a\":9007199254740992}", "{\"a\":123456789012345678901234567890}")) {
            assertThatThrownBy(() -> CanonicalJson.parse(utf8(json)))
                    .as("%s", json).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> CanonicalJson.parse(new byte[] {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', '}'}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not UTF-8");
        assertThatThrownBy(() -> CanonicalJson.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        Object deepest = List.of();
        for (int i = 1; i < CanonicalJson.MAX_DEPTH; i++) {
            deepest = List.of(deepest);
        }
        Object tooDeep = List.of(deepest);

        assertThat(CanonicalJson.canonicalize(deepest)).hasSize(2 * CanonicalJson.MAX_DEPTH);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(tooDeep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nested deeper than " + CanonicalJson.MAX_DEPTH);
        assertThat(CanonicalJson.parse(utf8(objectOfArrays(CanonicalJson.MAX_DEPTH - 1)))).containsKey("a");
        assertThatThrownBy(() -> CanonicalJson.parse(utf8(objectOfArrays(CanonicalJson.MAX_DEPTH))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("nested deeper than " + CanonicalJson.MAX_DEPTH);
    }

    private static String objectOfArrays(int arrays) {
        return "{\"a\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
    }

    @Test
    void parsesIntoImmutableValuesInDocumentOrder() {
        Map<String, Object> parsed = CanonicalJson.parse(utf8("{\"b\":[1,\"x\",null,{\"c\":false}],\"a\":-0}"));

        assertThat(parsed.keySet()).containsExactly("b", "a");
        assertThat(parsed.get("a")).isEqualTo(0L);
        assertThat(parsed.get("b")).isEqualTo(Arrays.asList(1L, "x", null, Map.of("c", false)));
        assertThatThrownBy(() -> parsed.put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) parsed.get("b")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void tellsCanonicalFromOtherForms() {
        assertThat(CanonicalJson.isCanonical(utf8("{\"a\":1,\"b\":[true]}"))).isTrue();
        assertThat(CanonicalJson.isCanonical(utf8("{\"b\":[true],\"a\":1}"))).isFalse();
        assertThat(CanonicalJson.isCanonical(utf8("{\"a\": 1}"))).isFalse();
        assertThat(CanonicalJson.isCanonical(utf8("{\"a\":-0}"))).isFalse();
        assertThat(CanonicalJson.isCanonical(utf8("{\"a\":\"\\u00e9\"}"))).isFalse();
        assertThat(CanonicalJson.isCanonical(utf8("{\"a\":\"\\/\"}"))).isFalse();
        assertThat(CanonicalJson.isCanonical(utf8("{\"a\":1,\"a\":1}"))).isFalse();
        assertThat(CanonicalJson.isCanonical(new byte[] {(byte) 0xff})).isFalse();
    }
}
