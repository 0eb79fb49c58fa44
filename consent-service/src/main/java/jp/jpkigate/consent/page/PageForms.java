package jp.jpkigate.consent.page;

import java.util.Objects;
import jp.jpkigate.consent.invitation.CustomerNumber;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;
import jp.jpkigate.idp.login.PageForm;
import jp.jpkigate.idp.oauth.FormParameters;

/**
 * The POST bodies of the consent pages, read from strictly parsed form parameters ({@code HtmlForm}:
 * {@code application/x-www-form-urlencoded}, size-limited, no repeated names); every malformation is
 * {@link LoginProblem#INVALID_FORM} (a 400 page), never a 5xx.
 */
public final class PageForms {
    private PageForms() {
    }

    /** A button's form: only its anti-CSRF token ({@code csrf=…}). */
    public record Button(String csrf) {
        public Button {
            Objects.requireNonNull(csrf, "csrf");
        }

        public static Button of(FormParameters form) throws LoginException {
            return new Button(PageForm.token(form.get("csrf")));
        }
    }

    /** The start form: {@code csrf}, {@code client_id} (1-255 visible ASCII), {@code customer_number} ({@link CustomerNumber}). */
    public record Find(String csrf, String clientId, String customerNumber) {
        public Find {
            Objects.requireNonNull(csrf, "csrf");
            Objects.requireNonNull(clientId, "clientId");
            CustomerNumber.require(customerNumber);
        }

        public static Find of(FormParameters form) throws LoginException {
            String csrf = PageForm.token(form.get("csrf"));
            String clientId = PageForms.clientId(form);
            String customer = form.get("customer_number").map(String::strip).orElse("");
            if (!CustomerNumber.isValid(customer)) {
                throw LoginProblem.INVALID_FORM.toException();
            }
            return new Find(csrf, clientId, customer);
        }

        @Override
        public String toString() {
            // The customer number stays out of logs.
            return "Find[client " + clientId + "]";
        }
    }

    /** A withdraw button on the dashboard: {@code csrf}, {@code consent_id} (an invitation id). */
    public record Withdraw(String csrf, String consentId) {
        public Withdraw {
            Objects.requireNonNull(csrf, "csrf");
            Objects.requireNonNull(consentId, "consentId");
        }

        public static Withdraw of(FormParameters form) throws LoginException {
            String csrf = PageForm.token(form.get("csrf"));
            String id = form.get("consent_id").orElse("");
            if (!InvitationLinks.isId(id)) {
                throw LoginProblem.INVALID_FORM.toException();
            }
            return new Withdraw(csrf, id);
        }
    }

    private static String clientId(FormParameters form) throws LoginException {
        String clientId = form.get("client_id").orElseThrow(LoginProblem.INVALID_FORM::toException);
        if (clientId.isEmpty() || clientId.length() > 255 || !clientId.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw LoginProblem.INVALID_FORM.toException();
        }
        return clientId;
    }
}
