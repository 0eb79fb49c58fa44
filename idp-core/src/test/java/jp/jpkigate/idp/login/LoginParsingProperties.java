package jp.jpkigate.idp.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The signer POST body and transaction id parsers never throw anything but their refusal. */
class LoginParsingProperties {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Property(tries = 500)
    void submissionParserOnlyRefuses(@ForAll("bodies") String body) {
        try {
            LoginSubmission parsed = LoginSubmission.parse(body.getBytes(StandardCharsets.UTF_8));
            assertThat(parsed.certificateDer()).isNotEmpty();
        } catch (LoginException e) {
            assertThat(e.problem()).isEqualTo(LoginProblem.INVALID_SUBMISSION);
        }
    }

    @Property(tries = 500)
    void transactionIdParserNeverThrows(@ForAll String text) {
        assertThat(LoginTransactionId.parse(text)).isEmpty();
    }

    @Property(tries = 100)
    void generatedIdsParse() {
        String id = LoginTransactionId.generate(RANDOM);
        assertThat(LoginTransactionId.parse(id)).contains(id);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> b64 = Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/-_=").ofMaxLength(60);
        Arbitrary<String> value = Arbitraries.oneOf(b64.map(s -> "\"" + s + "\""), Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("null", "1", "[]", "{}", "true", "\"\""));
        Arbitrary<String> json = net.jqwik.api.Combinators.combine(value, value)
                .as((c, s) -> "{\"certificate\":" + c + ",\"signature\":" + s + "}");
        return Arbitraries.oneOf(json, Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,\\").ofMaxLength(100));
    }
}
