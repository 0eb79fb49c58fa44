package jp.jpkigate.consent.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import jp.jpkigate.consent.invitation.CustomerNumber;
import jp.jpkigate.consent.page.PageForms;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.oauth.FormParameters;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The page forms' readers: any parameters give a form that holds only valid values, or INVALID_FORM; nothing else. */
class PageFormsProperties {
    @Property(tries = 500)
    void formsAreValidOrRefusedAsInvalidForm(@ForAll("parameters") Map<String, String> parameters) {
        FormParameters form = FormParameters.of(parameters);
        try {
            PageForms.Find find = PageForms.Find.of(form);
            assertThat(CustomerNumber.isValid(find.customerNumber())).isTrue();
            assertThat(find.toString()).isEqualTo("Find[client " + find.clientId() + "]");
        } catch (LoginException e) {
            assertThat(e.problem()).isEqualTo(LoginProblem.INVALID_FORM);
        }
        try {
            assertThat(PageForms.Withdraw.of(form).consentId()).hasSize(22);
        } catch (LoginException e) {
            assertThat(e.problem()).isEqualTo(LoginProblem.INVALID_FORM);
        }
        try {
            assertThat(PageForms.Button.of(form).csrf()).matches("[A-Za-z0-9_-]{1,128}");
        } catch (LoginException e) {
            assertThat(e.problem()).isEqualTo(LoginProblem.INVALID_FORM);
        }
    }

    @Provide
    Arbitrary<Map<String, String>> parameters() {
        Arbitrary<String> names = Arbitraries.of("csrf", "client_id", "customer_number", "consent_id", "other");
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(140),
                Arbitraries.strings().withChars("Aa0-_.").ofMinLength(1).ofMaxLength(70),
                Arbitraries.of("bank", "AAAAAAAAAAAAAAAAAAAAAA", " C-1 ", ""));
        return Arbitraries.maps(names, values).ofMaxSize(5);
    }
}
