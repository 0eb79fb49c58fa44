package jp.jpkigate.idp.logout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The logout request and confirmation parsers: a checked request or a {@link LoginException}, nothing else, whatever the bytes. */
class LogoutRequestProperties {
    @Property(tries = 2000)
    void theParserOnlyRefuses(@ForAll("queries") byte[] raw) {
        try {
            LogoutRequest request = LogoutRequest.parse(raw);
            request.idTokenHint().ifPresent(h -> assertThat(h).hasSizeLessThanOrEqualTo(8192).matches("[A-Za-z0-9_.-]+"));
            request.state().ifPresent(s -> assertThat(s).hasSizeLessThanOrEqualTo(512).matches("[ -~]+"));
            request.clientId().ifPresent(c -> assertThat(c).matches("[!-~]{1,255}"));
            request.postLogoutRedirectUri().ifPresent(u -> assertThat(u).matches("[!-~]{1,2000}"));
            request.prefersEnglish();
            assertThat(request.toString()).doesNotContain(request.idTokenHint().orElse("\u0000"));
        } catch (LoginException e) {
            assertThat(e.problem()).isEqualTo(LoginProblem.INVALID_LOGOUT_REQUEST);
        }
    }

    @Property(tries = 1000)
    void theConfirmationFormOnlyRefuses(@ForAll("queries") byte[] raw) {
        try {
            LogoutForm form = LogoutForm.of(jp.jpkigate.idp.oauth.FormParameters.parse(raw));
            assertThat(form.csrf()).matches("[A-Za-z0-9_-]{1,128}");
            assertThat(form.request().idTokenHint()).isEmpty();
        } catch (LoginException e) {
            assertThat(e.problem()).isEqualTo(LoginProblem.INVALID_FORM);
        } catch (jp.jpkigate.idp.oauth.OAuthException e) {
            assertThat(e.error().code()).isEqualTo("invalid_request");
        }
    }

    @Example
    void aTypicalRequestParses() throws Exception {
        LogoutRequest request = LogoutRequest.parse(("id_token_hint=a.b.c&client_id=bank&post_logout_redirect_uri="
                + "https%3A%2F%2Frp.example%2Fbye&state=x%20y&ui_locales=en-US%20ja&logout_hint=ignored")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(request.idTokenHint()).contains("a.b.c");
        assertThat(request.postLogoutRedirectUri()).contains("https://rp.example/bye");
        assertThat(request.state()).contains("x y");
        assertThat(request.prefersEnglish()).isTrue();
        assertThat(LogoutRequest.parse(new byte[0]).clientId()).isEmpty();
    }

    @Provide
    Arbitrary<byte[]> queries() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("id_token_hint", "client_id", "post_logout_redirect_uri",
                "state", "ui_locales", "csrf", "logout_hint", "id_token_hint%00"), Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("", "bank", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA", "%ZZ", "%C3%28", "%", "%00", "a+b",
                        "https%3A%2F%2Frp.bank.example%2Flogged-out", "ja", "en-US ja", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(600),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars('A', '.').ofMinLength(8000).ofMaxLength(9000));
        Arbitrary<String> pair = Combinators.combine(names, values, Arbitraries.of("=", "", "==")).as((n, v, eq) -> n + eq + v);
        Arbitrary<byte[]> forms = pair.list().ofMaxSize(7).map(list -> String.join("&", list).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(forms, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }
}
