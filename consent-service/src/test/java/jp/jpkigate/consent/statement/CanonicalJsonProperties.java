package jp.jpkigate.consent.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Canonical form is a fixed point, independent of the input's layout; malformed input is always an IllegalArgumentException. */
class CanonicalJsonProperties {

    @Property
    void canonicalFormIsAFixedPoint(@ForAll("objects") Map<String, Object> value) {
        byte[] canonical = CanonicalJson.canonicalize(value);

        assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(canonical))).isEqualTo(canonical);
        assertThat(CanonicalJson.isCanonical(canonical)).isTrue();
    }

    @Property
    void memberOrderWhitespaceAndEscapesNeverChangeTheOutput(@ForAll("objects") Map<String, Object> value, @ForAll long seed) {
        String sloppy = new SloppyJson(new Random(seed)).write(value);

        assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(sloppy.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(CanonicalJson.canonicalize(value));
    }

    @Property
    void randomBytesAreParsedOrRefusedWithIllegalArgument(@ForAll @Size(max = 64) byte[] bytes) {
        assertOnlyIllegalArgument(bytes);
        assertThat(CanonicalJson.isCanonical(bytes)).isIn(true, false);
    }

    @Property
    void everyTruncatedStatementIsRefused(@ForAll("objects") Map<String, Object> value, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] canonical = CanonicalJson.canonicalize(value);
        byte[] truncated = Arrays.copyOf(canonical, cut % canonical.length);

        assertThatThrownBy(() -> CanonicalJson.parse(truncated)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CanonicalJson.isCanonical(truncated)).isFalse();
    }

    @Property
    void mutatedStatementsAreParsedOrRefusedWithIllegalArgument(@ForAll("objects") Map<String, Object> value,
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll byte replacement) {
        byte[] mutated = CanonicalJson.canonicalize(value);
        mutated[at % mutated.length] = replacement;

        assertOnlyIllegalArgument(mutated);
    }

    @Property
    void duplicateMembersAreRefused(@ForAll("names") String name, @ForAll("scalars") Object first, @ForAll("scalars") Object second) {
        String duplicated = "{" + member(name, first) + "," + member(name, second) + "}";

        assertThatThrownBy(() -> CanonicalJson.parse(duplicated.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void floatsAndUnsafeIntegersAreRefused(@ForAll double number, @ForAll("unsafeIntegers") long unsafe) {
        String json = "{\"n\":" + number + ",\"m\":" + unsafe + "}";

        assertThatThrownBy(() -> CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(Map.of("n", number))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(Map.of("m", unsafe))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String member(String name, Object value) {
        return new String(CanonicalJson.canonicalize(name), StandardCharsets.UTF_8) + ":"
                + new String(CanonicalJson.canonicalize(value), StandardCharsets.UTF_8);
    }

    private static void assertOnlyIllegalArgument(byte[] json) {
        Throwable thrown = catchThrowable(() -> CanonicalJson.parse(json));
        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(IllegalArgumentException.class));
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return JsonValues.objects();
    }

    @Provide
    Arbitrary<String> names() {
        return JsonValues.strings();
    }

    @Provide
    Arbitrary<Object> scalars() {
        return JsonValues.scalars();
    }

    @Provide
    Arbitrary<Long> unsafeIntegers() {
        return Arbitraries.oneOf(Arbitraries.longs().greaterOrEqual(CanonicalJson.MAX_SAFE_INTEGER + 1),
                Arbitraries.longs().lessOrEqual(-CanonicalJson.MAX_SAFE_INTEGER - 1));
    }

    /**
     * Writes a value as valid JSON that is not canonical: members shuffled, whitespace between
     * tokens, some characters as {@code \}{@code u} escapes (upper or lower case hex), {@code \/}.
     */
    static final class SloppyJson {
        private static final String[] SPACE = {"", " ", "\n", "\t", "\r\n  "};
        private final Random random;

        SloppyJson(Random random) {
            this.random = random;
        }

        String write(Object value) {
            StringBuilder out = new StringBuilder();
            value(value, out);
            return space() + out + space();
        }

        private void value(Object value, StringBuilder out) {
            if (value instanceof Map<?, ?> map) {
                List<Map.Entry<?, ?>> members = new ArrayList<>(map.entrySet());
                Collections.shuffle(members, random);
                out.append('{').append(space());
                for (int i = 0; i < members.size(); i++) {
                    out.append(i == 0 ? "" : "," + space());
                    string((String) members.get(i).getKey(), out);
                    out.append(space()).append(':').append(space());
                    value(members.get(i).getValue(), out);
                    out.append(space());
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[').append(space());
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : space() + "," + space());
                    value(list.get(i), out);
                }
                out.append(space()).append(']');
            } else if (value instanceof String s) {
                string(s, out);
            } else {
                out.append(value);
            }
        }

        /** A supplementary character is escaped as both its surrogates or written as is (UTF-8 has no half). */
        private void string(String s, StringBuilder out) {
            out.append('"');
            s.codePoints().forEach(c -> {
                if (c == '"' || c == '\\' || c < 0x20 || random.nextInt(4) == 0) {
                    for (char unit : Character.toChars(c)) {
                        String hex = String.format("%04x", (int) unit);
                        out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase());
                    }
                } else if (c == '/' && random.nextBoolean()) {
                    out.append("\\/");
                } else {
                    out.appendCodePoint(c);
                }
            });
            out.append('"');
        }

        private String space() {
            return SPACE[random.nextInt(SPACE.length)];
        }
    }
}
