package jp.jpkigate.feed.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.Json;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.feed.outbox.SetError;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The RFC 8936 poll request parser: a checked request or a {@link PollRequestException}, nothing else, whatever the bytes. */
class PollRequestProperties {
    @Property(tries = 3000)
    void theParserOnlyRefuses(@ForAll("bodies") String body) {
        try {
            PollRequest request = PollRequest.parse(body);
            request.maxEvents().ifPresent(n -> assertThat(n).isNotNegative());
            assertThat(request.acks().size() + request.setErrs().size()).isLessThanOrEqualTo(PollRequest.MAX_SETTLEMENTS);
            request.acks().forEach(jti -> assertThat(jti).matches("[!-~]{1,256}"));
            request.setErrs().forEach((jti, error) -> {
                assertThat(jti).matches("[!-~]{1,256}");
                assertThat(error.err()).isNotEmpty();
                assertThat(request.acks()).doesNotContain(jti);
            });
        } catch (PollRequestException e) {
            assertThat(e.err()).isEqualTo("invalid_request");
            assertThat(e.description()).isNotBlank().doesNotContain(body.length() > 3 ? body : "\u0000");
        }
    }

    @Example
    void aFullRequestParses() throws Exception {
        PollRequest request = PollRequest.parse("""
                {"maxEvents": 5, "returnImmediately": true, "ack": ["a", "b"],
                 "setErrs": {"c": {"err": "invalid_key", "description": "rotated"}}, "extension": 1}""");
        assertThat(request.maxEvents()).contains(5);
        assertThat(request.returnImmediately()).isTrue();
        assertThat(request.acks()).containsExactly("a", "b");
        assertThat(request.setErrs()).containsEntry("c", new SetError("invalid_key", "rotated"));
        PollRequest empty = PollRequest.parse("{}");
        assertThat(empty.maxEvents()).isEqualTo(Optional.empty());
        assertThat(empty.returnImmediately()).isFalse();
        assertThat(PollRequest.parse("{\"maxEvents\": 99999999999999999999}").maxEvents()).contains(Integer.MAX_VALUE);
    }

    @Example
    void malformedMembersAreRefused() {
        for (String body : List.of("", "[]", "null", "{\"maxEvents\": -1}", "{\"maxEvents\": 1.5}", "{\"maxEvents\": \"3\"}",
                "{\"returnImmediately\": \"yes\"}", "{\"ack\": \"a\"}", "{\"ack\": [1]}", "{\"ack\": [\"\"]}",
                "{\"ack\": [\"a b\"]}", "{\"setErrs\": []}", "{\"setErrs\": {\"a\": {}}}",
                "{\"setErrs\": {\"a\": {\"err\": \"x\", \"description\": 3}}}",
                "{\"ack\": [\"a\"], \"setErrs\": {\"a\": {\"err\": \"x\", \"description\": \"y\"}}}",
                "[".repeat(5000), "{\"a\":".repeat(3000))) {
            assertThatThrownBy(() -> PollRequest.parse(body)).isInstanceOf(PollRequestException.class);
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> jtis = Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMinLength(0).ofMaxLength(12),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(300), Arbitraries.of("\"", "\\", "\u0000", " ", "é"));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(30)),
                        new java.math.BigInteger("1" + "0".repeat(30))).map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "[]", "{}", "\"x\"", "1e400", "-0", "[[[[[]]]]]"),
                jtis.list().ofMaxSize(5).map(l -> "[" + String.join(",", l.stream().map(PollRequestProperties::quote).toList()) + "]"),
                Combinators.combine(jtis, jtis, jtis).as((a, b, c) ->
                        "{" + quote(a) + ": {\"err\": " + quote(b) + ", \"description\": " + quote(c) + "}}"));
        Arbitrary<String> members = Combinators.combine(
                Arbitraries.of("maxEvents", "returnImmediately", "ack", "setErrs", "other", ""), values)
                .as((name, value) -> quote(name) + ": " + value);
        Arbitrary<String> objects = members.list().ofMaxSize(6).map(l -> "{" + String.join(", ", l) + "}");
        Arbitrary<String> mangled = Combinators.combine(objects, Arbitraries.integers().between(0, 200),
                Arbitraries.chars()).as((o, at, c) -> {
                    int i = Math.min(at, o.length());
                    return o.substring(0, i) + c + o.substring(i);
                });
        return Arbitraries.oneOf(objects, mangled, objects.map(o -> o.substring(0, o.length() / 2)),
                Arbitraries.strings().ofMaxLength(200));
    }

    /** A JSON string literal. */
    private static String quote(String text) {
        return Json.encode(text);
    }
}
