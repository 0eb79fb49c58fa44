package jp.jpkigate.consent.statement;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of the JSON values {@link CanonicalJson} accepts. */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * Well-formed Unicode strings weighted towards what breaks canonicalizers: controls, quotes,
     * backslashes, slashes, non-ASCII on both sides of the surrogate range, supplementary characters.
     */
    static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0x00, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f, '"' + 0, '\\' + 0, '/' + 0, 0x7f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x80, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)));
        return codePoint.list().ofMaxSize(8).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                strings().map(s -> (Object) s),
                Arbitraries.longs().between(-CanonicalJson.MAX_SAFE_INTEGER, CanonicalJson.MAX_SAFE_INTEGER).map(n -> (Object) n),
                Arbitraries.integers().map(n -> (Object) n),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
    }

    static Arbitrary<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalars()),
                net.jqwik.api.Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(list -> (Object) list)),
                net.jqwik.api.Tuple.of(1, objects(depth - 1).map(map -> (Object) map)));
    }

    static Arbitrary<Map<String, Object>> objects() {
        return objects(3);
    }

    private static Arbitrary<Map<String, Object>> objects(int depth) {
        return Arbitraries.maps(strings(), values(depth)).ofMaxSize(5);
    }
}
