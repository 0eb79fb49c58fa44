package jp.jpkigate.consent.web;

import static jp.jpkigate.consent.testing.ConsentPagesFixture.assertNotInAnyUrl;
import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.consent.audit.AuditChainReport;
import jp.jpkigate.consent.audit.AuditChainVerifier;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.ConsentState;
import jp.jpkigate.consent.record.Withdrawal;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.testing.ConsentPagesFixture;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.registry.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The person's consents after an authentication-certificate login of the OP's account area, and their
 * withdrawal with a signature-certificate signature — by the same person only.
 */
class ConsentDashboardTest {
    private static final String PAGE = "/account/consents";

    @RegisterExtension
    static final ConsentPagesFixture fx = new ConsentPagesFixture();

    private static String customer() {
        return "D-" + System.nanoTime();
    }

    /** The withdraw form's token for {@code consentId} on the dashboard. */
    private static String withdrawCsrf(HttpResponse<Buffer> page, String consentId) {
        Matcher m = Pattern.compile("data-consent-id=\"" + Pattern.quote(consentId) + "\"(?s).*?name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"")
                .matcher(page.bodyAsString());
        assertThat(m.find()).as(page.bodyAsString()).isTrue();
        return m.group(1);
    }

    @Test
    void withoutAnAccountSessionTheDashboardSendsToTheAccountLogin() throws Exception {
        HttpResponse<Buffer> answer = fx.get(PAGE, null);
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.getHeader("Location")).isEqualTo(OpFixture.ISSUER + "/account/approvals?next=consents");
        assertThat(fx.postForm(PAGE + "/withdraw", null, "csrf=AAAA&consent_id=AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(403);
    }

    @Test
    void thePersonSeesTheirConsentAndWithdrawsItWithTheirCard() throws Exception {
        Device person = fx.op.issueCard();
        String customer = customer();
        Invitation invitation = fx.invite(customer);
        assertThat(fx.consent(invitation, person).statusCode()).isEqualTo(200);
        String account = fx.accountLogin(person);

        HttpResponse<Buffer> list = fx.get(PAGE, account);
        assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
        assertThat(list.getHeader("Content-Security-Policy")).contains("form-action 'self'");
        assertThat(list.bodyAsString()).contains("data-consent-id=\"" + invitation.id() + "\" data-status=\"active\"",
                "<h2 class=\"business\">Example Bank</h2>", "class=\"customer-number\">" + customer + "<", "data-item=\"address\"",
                "class=\"signed\"", "class=\"valid-until\"", "まで", "action=\"consents/withdraw\"", "id=\"to-approvals\" href=\"approvals\"");
        assertNotInAnyUrl(list, customer);
        String csrf = withdrawCsrf(list, invitation.id());
        assertThat(fx.postForm(PAGE + "/withdraw", account, "csrf=" + csrf.replace(csrf.charAt(0), csrf.charAt(0) == 'A' ? 'B' : 'A')
                + "&consent_id=" + invitation.id()).statusCode()).isEqualTo(403);

        HttpResponse<Buffer> started = fx.postForm(PAGE + "/withdraw", account, "csrf=" + csrf + "&consent_id=" + invitation.id());
        String txn = ConsentPagesFixture.signingTxnOf(started);
        HttpResponse<Buffer> signingPage = fx.get(PAGE + "/sign/" + txn + "/page", account);
        assertThat(signingPage.statusCode()).isEqualTo(200);
        assertThat(signingPage.bodyAsString()).contains("同意を取り消す", "../../../../static/login.js");
        JsonObject challenge = fx.get("/consent/sign/" + txn, null).bodyAsJsonObject();
        assertThat(challenge.getString("document")).isEqualTo("withdrawal");
        String statement = ConsentPagesFixture.text(Base64.getUrlDecoder().decode(challenge.getString("signed_data")));
        assertThat(statement).contains("\"type\":\"jpki-gate-consent-withdrawal-v1\"", "\"consent\":\"" + invitation.id() + "\"",
                "\"transaction\":\"" + txn + "\"");
        assertThat(fx.sign(txn, person, CaKind.SIGNATURE).getString("status")).isEqualTo("verified");
        assertThat(fx.get(PAGE + "/sign/" + txn + "/status", account).bodyAsJsonObject().getString("status")).isEqualTo("verified");

        HttpResponse<Buffer> done = fx.get(PAGE + "/sign/" + txn + "/continue", account);
        assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
        assertThat(done.bodyAsString()).contains("data-outcome=\"withdrawn\"", "同意を取り消しました", "取り消し済み");
        ConsentRecord stored = await(fx.consents.find(invitation.id())).orElseThrow();
        assertThat(stored.state()).isEqualTo(ConsentState.WITHDRAWN);
        Withdrawal withdrawal = stored.withdrawal().orElseThrow();
        assertThat(withdrawal.source()).isEqualTo(Withdrawal.Source.DASHBOARD);
        assertThat(withdrawal.reportedToRegistry()).isTrue();
        assertThat(ConsentPagesFixture.text(withdrawal.evidence().orElseThrow().statement())).isEqualTo(statement);
        assertThat(withdrawal.evidence().orElseThrow().certificate()).isEmpty();
        assertThat(fx.auditOf(invitation.id())).containsExactly("consent_signed", "consent_registered",
                "consent_withdrawn withdrawn_on_dashboard");
        assertThat(await(new AuditChainVerifier(fx.audit).verify())).isInstanceOf(AuditChainReport.Intact.class);
        assertThat(await(fx.changes.since(OpFixture.BANK, Optional.empty(), 10_000)).entries().stream()
                .map(ConsentChangeLog.Entry::change).filter(c -> c.consentId().equals(invitation.id()))
                .map(ConsentChangeLog.Change::status)).endsWith(BusinessStatus.WITHDRAWN);

        HttpResponse<Buffer> after = fx.get(PAGE, account);
        assertThat(after.bodyAsString()).contains("data-status=\"withdrawn\"").doesNotContain("value=\"" + invitation.id() + "\"");
        assertThat(fx.postForm(PAGE + "/withdraw", account, "csrf=" + csrf + "&consent_id=" + invitation.id()).statusCode())
                .isEqualTo(409);
        // a reload of the continue shows the same withdrawal
        assertThat(fx.get(PAGE + "/sign/" + txn + "/continue", account).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherPersonsCardCannotWithdrawIt() throws Exception {
        Device person = fx.op.issueCard();
        Device stranger = fx.op.issueCard();
        Invitation invitation = fx.invite(customer());
        assertThat(fx.consent(invitation, person).statusCode()).isEqualTo(200);
        String account = fx.accountLogin(person);
        HttpResponse<Buffer> list = fx.get(PAGE, account);
        String txn = ConsentPagesFixture.signingTxnOf(fx.postForm(PAGE + "/withdraw", account,
                "csrf=" + withdrawCsrf(list, invitation.id()) + "&consent_id=" + invitation.id()));
        assertThat(fx.sign(txn, stranger, CaKind.SIGNATURE).getString("status")).isEqualTo("verified");

        HttpResponse<Buffer> refused = fx.get(PAGE + "/sign/" + txn + "/continue", account);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsString()).contains("not_the_same_person", "ログインしたご本人");
        assertThat(await(fx.consents.find(invitation.id())).orElseThrow().state()).isEqualTo(ConsentState.ACTIVE);
        assertThat(fx.auditOf(invitation.id())).containsExactly("consent_signed", "consent_registered",
                "attempt_refused withdrawal_not_the_same_person");

        // another person's account cannot even start withdrawing it
        String strangers = fx.accountLogin(stranger);
        assertThat(fx.postForm(PAGE + "/withdraw", strangers, "csrf=" + withdrawCsrf(list, invitation.id())
                + "&consent_id=" + invitation.id()).statusCode()).isEqualTo(403);
        assertThat(fx.get(PAGE, strangers).bodyAsString()).contains("id=\"no-consents\"");
        // nor follow the person's withdrawal signing
        assertThat(fx.get(PAGE + "/sign/" + txn + "/status", strangers).statusCode()).isEqualTo(403);
    }

    @Test
    void aNewerConsentForTheSameBusinessReplacesTheOlder() throws Exception {
        Device person = fx.op.issueCard();
        Invitation first = fx.invite(customer());
        Invitation second = fx.invite(customer());
        assertThat(fx.consent(first, person).statusCode()).isEqualTo(200);
        assertThat(fx.consent(second, person).statusCode()).isEqualTo(200);
        assertThat(await(fx.consents.find(first.id())).orElseThrow().state()).isEqualTo(ConsentState.REPLACED);
        assertThat(fx.auditOf(first.id())).containsExactly("consent_signed", "consent_registered",
                "consent_withdrawn replaced_by_newer_consent");
        HttpResponse<Buffer> list = fx.get(PAGE, fx.accountLogin(person));
        assertThat(list.bodyAsString()).contains("data-consent-id=\"" + second.id() + "\" data-status=\"active\"")
                .doesNotContain("data-consent-id=\"" + first.id() + "\"");
    }
}
