package jp.jpkigate.consent.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a business sends, the parser answers a valid request or {@link InvalidInvitationRequest} (never
 * another exception), reports every bad line and only bad lines, and never echoes a malformed customer number.
 */
class InvitationRequestParserProperties {
    private static final InvitationRequestParser PARSER = new InvitationRequestParser(
            new InvitationPolicy(Duration.ofDays(30), Duration.ofDays(180), 50, Duration.ofDays(90)));

    @Property(tries = 500)
    void arbitraryTextIsARequestOrAnInvalidRequest(@ForAll("bodies") String body) {
        Throwable thrown = catchThrowable(() -> PARSER.parse(body));
        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(InvalidInvitationRequest.class));
    }

    @Property(tries = 300)
    void aJsonObjectWithAnyMembersIsARequestOrAnInvalidRequest(@ForAll("objects") JsonObject json) {
        Throwable thrown = catchThrowable(() -> PARSER.parse(json.encode()));
        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(InvalidInvitationRequest.class));
    }

    @Property(tries = 300)
    void everyBadLineIsReportedWithItsIndexAndOnlyThose(@ForAll("lines") List<Object> lines) {
        JsonObject json = new JsonObject().put("purpose", "確認").put("items", new JsonArray().add("name"))
                .put("customers", new JsonArray(lines));
        Throwable thrown = catchThrowable(() -> PARSER.parse(json.encode()));
        long good = lines.stream().filter(InvitationRequestParserProperties::isGood).distinct().count();
        long distinctGood = good;
        long goodLines = lines.stream().filter(InvitationRequestParserProperties::isGood).count();
        if (goodLines == lines.size() && distinctGood == goodLines) {
            assertThat(thrown).isNull();
            return;
        }
        assertThat(thrown).isInstanceOf(InvalidInvitationRequest.class);
        InvalidInvitationRequest invalid = (InvalidInvitationRequest) thrown;
        assertThat(invalid.lines()).hasSize(lines.size() - (int) distinctGood);
        for (InvalidInvitationRequest.LineError error : invalid.lines()) {
            assertThat(error.index()).isBetween(0, lines.size() - 1);
            error.customerNumber().ifPresent(n -> assertThat(n).matches("[A-Za-z0-9._-]{1,64}"));
            assertThat(error.message()).matches("[\\x20-\\x7e]+");
        }
    }

    private static boolean isGood(Object line) {
        return line instanceof JsonObject o && o.size() == 1 && o.getValue("customer_number") instanceof String s
                && s.matches("[A-Za-z0-9._-]{1,64}");
    }

    @Property(tries = 200)
    void expiresInIsAcceptedExactlyWithinItsBounds(@ForAll @IntRange(min = -10, max = 20_000_000) int seconds) {
        String body = "{\"purpose\":\"p\",\"items\":[\"name\"],\"expires_in\":" + seconds
                + ",\"customers\":[{\"customer_number\":\"A\"}]}";
        Throwable thrown = catchThrowable(() -> PARSER.parse(body));
        if (seconds >= 60 && seconds <= Duration.ofDays(180).toSeconds()) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(InvalidInvitationRequest.class).hasMessageContaining("expires_in");
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-+eE tnrufalsepurosecmi_\\u")
                .ofMaxLength(120);
        Arbitrary<String> nested = Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n));
        return Arbitraries.oneOf(noise, jsonish, nested);
    }

    @Provide
    Arbitrary<JsonObject> objects() {
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.just((Object) new JsonArray()), Arbitraries.just((Object) new JsonObject()),
                Arbitraries.of("name", "address", "gender", "birthdate", "income").list().ofMaxSize(5).map(l -> (Object) new JsonArray(l)),
                lines().map(l -> (Object) new JsonArray(l)));
        Arbitrary<String> names = Arbitraries.of("purpose", "items", "expires_in", "customers", "extra");
        return Combinators.combine(names.list().ofMaxSize(5), values.list().ofSize(5)).as((keys, vals) -> {
            JsonObject json = new JsonObject();
            for (int i = 0; i < keys.size(); i++) {
                json.put(keys.get(i), vals.get(i));
            }
            return json;
        });
    }

    @Provide
    Arbitrary<List<Object>> lines() {
        Arbitrary<String> numbers = Arbitraries.oneOf(Arbitraries.strings().withChars("AB12-_.").ofMinLength(1).ofMaxLength(4),
                Arbitraries.strings().all().ofMaxLength(70));
        Arbitrary<Object> line = Arbitraries.oneOf(
                numbers.map(n -> (Object) new JsonObject().put("customer_number", n)),
                numbers.map(n -> (Object) new JsonObject().put("customer_number", n).put("name", "x")),
                Arbitraries.integers().map(i -> (Object) new JsonObject().put("customer_number", i)),
                Arbitraries.just((Object) new JsonObject()),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.strings().ofMaxLength(5).map(s -> (Object) s));
        return line.list().ofMinSize(1).ofMaxSize(40);
    }
}
