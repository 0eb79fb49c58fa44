package jp.jpkigate.idp.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.jpkigate.idp.account.RevokeForm;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The consent and revoke form parsers: a valid form or {@code INVALID_FORM}, never anything else, whatever the body. */
class ConsentFormProperties {
    @Property(tries = 1500)
    void formParsersOnlyRefuse(@ForAll("bodies") byte[] body) {
        for (PageForm.Reader<String> reader : List.<PageForm.Reader<String>>of(
                form -> ConsentForm.of(form).csrf(), form -> RevokeForm.of(form).clientId())) {
            try {
                assertThat(PageForm.parse(body, reader)).matches("[!-~]{1,255}");
            } catch (LoginException e) {
                assertThat(e.problem()).isEqualTo(LoginProblem.INVALID_FORM);
            }
        }
    }

    @Property(tries = 300)
    void derivedTokensMatchOnlyThemselves(@ForAll("tokens") String secret, @ForAll("tokens") String txn) {
        String token = CsrfTokens.derive(secret, CsrfTokens.CONSENT, txn);
        assertThat(CsrfTokens.matches(token, token)).isTrue();
        assertThat(CsrfTokens.matches(token, CsrfTokens.derive(secret, CsrfTokens.ACCOUNT, txn))).isFalse();
        assertThat(CsrfTokens.matches(token, CsrfTokens.derive(secret + "x", CsrfTokens.CONSENT, txn))).isFalse();
        assertThat(CsrfTokens.matches(token, null)).isFalse();
    }

    @Example
    void theBrowsersBodiesParse() throws Exception {
        ConsentForm approve = ConsentForm.parse("csrf=abc_-1&decision=approve".getBytes(StandardCharsets.US_ASCII));
        assertThat(approve.decision()).isEqualTo(ConsentForm.Decision.APPROVE);
        assertThat(ConsentForm.parse("decision=deny&csrf=x&other=1".getBytes(StandardCharsets.US_ASCII)).decision())
                .isEqualTo(ConsentForm.Decision.DENY);
        assertThat(RevokeForm.parse("csrf=x&client_id=bank".getBytes(StandardCharsets.US_ASCII)).clientId()).isEqualTo("bank");
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("csrf", "decision", "client_id", "c%73rf", "decision%00"),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("approve", "deny", "APPROVE", "approve%20", "%ZZ", "%C3%28", "%", "bank", "%00",
                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "a+b", "%E3%81%82"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(300),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> pair = Combinators.combine(names, values, Arbitraries.of("=", "", "==")).as((n, v, eq) -> n + eq + v);
        Arbitrary<byte[]> forms = pair.list().ofMaxSize(6).map(list -> String.join("&", list).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(forms, Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(50);
    }
}
