package jp.jpkigate.idp.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The bracket count agrees with the real nesting of generated JSON, is fooled by no string, and survives any text. */
class JsonNestingProperties {
    /** A JSON value with its depth: strings full of brackets, quotes and backslashes, arrays and objects nested. */
    record Tree(Object value, int depth) {
    }

    @Provide
    Arbitrary<Tree> trees() {
        Arbitrary<String> tricky = Arbitraries.strings().withChars("[]{}\"\\ax").ofMaxLength(8);
        return Arbitraries.recursive(() -> tricky.map(s -> new Tree(s, 0)),
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(3).map(items -> {
                            JsonArray array = new JsonArray();
                            items.forEach(t -> array.add(t.value()));
                            return new Tree(array, 1 + items.stream().mapToInt(Tree::depth).max().orElse(0));
                        }),
                        inner.list().ofMaxSize(3).map(items -> {
                            JsonObject object = new JsonObject();
                            for (int i = 0; i < items.size(); i++) {
                                object.put("k[{\"" + i, items.get(i).value());
                            }
                            return new Tree(object, 1 + items.stream().mapToInt(Tree::depth).max().orElse(0));
                        })), 0, 12);
    }

    private static String encode(Object value) {
        return value instanceof String s ? new JsonArray().add(s).encode().substring(1).replaceAll("]$", "")
                : value instanceof JsonArray a ? a.encode() : ((JsonObject) value).encode();
    }

    @Property(tries = 500)
    void exceedsExactlyWhenTheTreeIsDeeper(@ForAll("trees") Tree tree, @ForAll @IntRange(min = 0, max = 14) int limit) {
        assertThat(JsonNesting.exceeds(encode(tree.value()), limit)).isEqualTo(tree.depth() > limit);
    }

    @Property(tries = 500)
    void anyTextIsAnsweredWithoutAFailure(@ForAll String text, @ForAll @IntRange(min = 0, max = 40) int limit) {
        JsonNesting.exceeds(text, limit);
    }

    @Example
    void aMillionOpeningBracketsAreCaughtAtTheLimit() {
        assertThat(JsonNesting.exceeds("[".repeat(1_000_000), JsonNesting.MAX_DEPTH)).isTrue();
        assertThat(JsonNesting.exceeds("[".repeat(JsonNesting.MAX_DEPTH) + "]".repeat(JsonNesting.MAX_DEPTH),
                JsonNesting.MAX_DEPTH)).isFalse();
        assertThat(JsonNesting.exceeds("\"" + "[".repeat(100) + "\"", 0)).isFalse();
    }
}
