package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.responder.TestPki.SIGN_2026;
import static jp.jpkigate.revocation.responder.TestPki.issue;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever the body, {@link CheckRequest#parse} returns a request or a 4xx problem; nothing else escapes. */
class CheckRequestProperties {
    static final String GOOD = TestServer.base64(issue(SIGN_2026, 10));
    static final String VALID_CERTIFICATES = new JsonObject().put("certificates", new JsonArray().add(GOOD).add(GOOD)).encode();
    static final String VALID_SERIALS = "{\"serials\":[{\"issuer\":\"AB12\",\"serial\":\"0F\"},{\"issuer\":\"CD\",\"serial\":\"1\"}]}";

    static void parsesOrIsA4xxProblem(Buffer body) {
        try {
            assertThat(CheckRequest.parse(body).items()).isNotEmpty();
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isBetween(400, 499);
            assertThat(e.problem().detail()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void arbitraryText(@ForAll String text) {
        parsesOrIsA4xxProblem(Buffer.buffer(text));
    }

    @Property(tries = 300)
    void arbitraryBytes(@ForAll @Size(max = 300) byte[] bytes) {
        parsesOrIsA4xxProblem(Buffer.buffer(bytes));
    }

    @Property(tries = 400)
    void mutatedValidRequests(@ForAll boolean serials, @ForAll @IntRange(min = 0, max = 100_000) int position,
                              @ForAll char inserted, @ForAll @IntRange(min = 0, max = 2) int operation) {
        String valid = serials ? VALID_SERIALS : VALID_CERTIFICATES;
        int at = position % valid.length();
        String mutated = switch (operation) {
            case 0 -> valid.substring(0, at) + valid.substring(at + 1);
            case 1 -> valid.substring(0, at) + inserted + valid.substring(at);
            default -> valid.substring(0, at) + inserted + valid.substring(at + 1);
        };
        parsesOrIsA4xxProblem(Buffer.buffer(mutated));
    }

    @Property(tries = 300)
    void arbitraryJsonInEveryMember(@ForAll("members") String member, @ForAll("values") Object value) {
        parsesOrIsA4xxProblem(new JsonObject().put(member, value).toBuffer());
        parsesOrIsA4xxProblem(new JsonObject().put(member, new JsonArray().add(value)).toBuffer());
    }

    @Property(tries = 300)
    void serialPairsParseExactlyWhenHex(@ForAll("hexish") String issuer, @ForAll("hexish") String serial) {
        Buffer body = new JsonObject().put("serials", new JsonArray().add(new JsonObject()
                .put("issuer", issuer).put("serial", serial))).toBuffer();
        boolean valid = issuer.matches("([0-9a-fA-F]{2}){1,64}") && serial.matches("[0-9a-fA-F]{1,40}");
        try {
            CheckRequest.parse(body);
            assertThat(valid).isTrue();
        } catch (ProblemException e) {
            assertThat(valid).isFalse();
            assertThat(e.problem().slug()).isEqualTo("invalid-serial");
            assertThat(e.problem().index()).isZero();
        }
    }

    @Property(tries = 50)
    void deeplyNestedJsonIsA4xx(@ForAll @IntRange(min = 1, max = 5000) int depth) {
        parsesOrIsA4xxProblem(Buffer.buffer("{\"certificates\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
        parsesOrIsA4xxProblem(Buffer.buffer("[".repeat(depth)));
    }

    @Provide
    Arbitrary<String> members() {
        return Arbitraries.of("certificate", "certificates", "serials", "other");
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.strings().map(s -> (Object) s), Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just((Object) new JsonObject()),
                Arbitraries.strings().ofMaxLength(8).map(s -> (Object) new JsonObject().put("issuer", s).put("serial", s)),
                Arbitraries.of((Object) GOOD, GOOD.substring(1), GOOD + "=", GOOD.replace('A', '-')));
    }

    @Provide
    Arbitrary<String> hexish() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEFxg- ").ofMaxLength(140);
    }
}
