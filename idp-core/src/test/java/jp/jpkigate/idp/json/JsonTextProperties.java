package jp.jpkigate.idp.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonText} writes exactly the text of Nimbus's {@link JSONObjectUtils#toJSONString} for any
 * tree of maps, lists, strings (all of Unicode and the control characters), numbers, booleans and
 * nulls, and the text parses back to the same tree; other values are left to Nimbus.
 */
class JsonTextProperties {
    @Property(tries = 500)
    void writesWhatNimbusWrites(@ForAll("objects") Map<String, Object> object) throws Exception {
        String text = JsonText.write(object);
        assertThat(text).isEqualTo(JSONObjectUtils.toJSONString(object));
        assertThat(JSONObjectUtils.toJSONString(JSONObjectUtils.parse(text))).isEqualTo(text);
    }

    @Test
    void anythingElseIsNimbusText() {
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("uri", URI.create("https://rp.example/cb"));
        odd.put("decimal", new BigDecimal("1.50"));
        odd.put("set", new TreeSet<>(Set.of("b", "a")));
        odd.put("double", 1.0);
        odd.put("escapes", "\"\\\t\b\n\r\f\u0000\u001f\u2028\u2029<>&='é日本😀");
        assertThat(JsonText.write(odd)).isEqualTo(JSONObjectUtils.toJSONString(odd));
        Map<String, Object> deep = new LinkedHashMap<>();
        Map<String, Object> inner = deep;
        for (int i = 0; i < JsonNesting.MAX_DEPTH + 5; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            inner.put("n", next);
            inner = next;
        }
        assertThat(JsonText.write(deep)).isEqualTo(JSONObjectUtils.toJSONString(deep));
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return object(3);
    }

    private Arbitrary<Map<String, Object>> object(int depth) {
        return Arbitraries.maps(strings(), value(depth)).ofMaxSize(5).map(LinkedHashMap::new);
    }

    private Arbitrary<Object> value(int depth) {
        List<Arbitrary<?>> choices = new ArrayList<>(List.of(strings(), Arbitraries.integers(), Arbitraries.longs(),
                Arbitraries.doubles().ofScale(3), Arbitraries.of(true, false), Arbitraries.just(null)));
        if (depth > 0) {
            choices.add(object(depth - 1));
            choices.add(Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4));
        }
        return Arbitraries.oneOf(choices.stream().map(a -> a.map(v -> (Object) v)).toList());
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u0040').withChars('\u2028', '\u2029', '\\', '"').ofMaxLength(8));
    }
}
