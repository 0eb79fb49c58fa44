package jp.jpkigate.consent.web;

import static jp.jpkigate.consent.testing.ConsentPagesFixture.assertNotInAnyUrl;
import static jp.jpkigate.consent.testing.ConsentPagesFixture.csrfOf;
import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.ConsentState;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.testing.ConsentPagesFixture;
import jp.jpkigate.consent.testing.ConsentPagesFixture.Browser;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.revocation.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A person's consent through the real pages over HTTP, signed by a virtual card of the simulator and
 * verified for real: the invitation page, the signing page and its polling, the signer app's API, the
 * record with its evidence and indexes, the change log, J-LIS, the audit — and every refusal.
 */
class ConsentPagesTest {
    @RegisterExtension
    static final ConsentPagesFixture fx = new ConsentPagesFixture();

    private static int customers;

    private static String customer() {
        return "C-" + (++customers) + "-" + System.nanoTime();
    }

    @Test
    void aPersonConsentsThroughAnInvitationEndToEnd() throws Exception {
        Device person = fx.op.issueCard();
        String customer = customer();
        Invitation invitation = fx.invite(customer);

        HttpResponse<Buffer> page = fx.get(fx.linkPath(invitation), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'", "form-action 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.bodyAsString()).contains("id=\"business-name\">Example Bank<", "id=\"customer-number\">" + customer + "<",
                "data-item=\"name\"", "data-item=\"address\"", "住所", "Address", ConsentPagesFixture.PURPOSE,
                "id=\"date\"", "10年間", "10 years from the day after J-LIS records it", "id=\"sign-button\"")
                .doesNotContain("data-item=\"gender\"");
        assertNotInAnyUrl(page, customer);
        Browser browser = new Browser(ConsentPagesFixture.cookieOf(page));

        HttpResponse<Buffer> started = fx.postForm(fx.linkPath(invitation), browser.cookie(), "csrf=" + csrfOf(page));
        assertNotInAnyUrl(started, customer);
        String txn = ConsentPagesFixture.signingTxnOf(started);
        HttpResponse<Buffer> signingPage = fx.get("/consent/sign/" + txn + "/page", browser.cookie());
        assertThat(signingPage.statusCode()).isEqualTo(200);
        assertThat(signingPage.bodyAsString()).contains("<svg", "id=\"same-device\" href=\"" + OpFixture.ISSUER + "/consent/sign/" + txn
                + "\"", "data-status-url=\"status\"", "data-continue-url=\"continue\"", "../../../static/login.js", "id=\"statement\"");
        assertNotInAnyUrl(signingPage, customer);
        assertThat(fx.get("/consent/sign/" + txn + "/status", browser.cookie()).bodyAsJsonObject().getString("status"))
                .isEqualTo("pending");

        JsonObject challenge = fx.get("/consent/sign/" + txn, null).bodyAsJsonObject();
        assertThat(challenge.getString("certificate")).isEqualTo("sign");
        assertThat(challenge.getString("client_name")).isEqualTo("Example Bank");
        assertThat(challenge.getString("submit_url")).isEqualTo(OpFixture.ISSUER + "/consent/sign/" + txn);
        assertThat(challenge.getString("document")).isEqualTo("consent");
        byte[] statement = Base64.getUrlDecoder().decode(challenge.getString("signed_data"));
        assertThat(ConsentPagesFixture.text(statement)).startsWith("{\"business\":{\"id\":\"bank\",\"name\":\"Example Bank\"},")
                .contains("\"customer_number\":\"" + customer + "\"", "\"invitation\":\"" + invitation.id() + "\"",
                        "\"transaction\":\"" + txn + "\"", "\"items\":[\"name\",\"address\"]", "\"type\":\"jpki-gate-consent-v1\"",
                        "\"issuer\":\"" + OpFixture.ISSUER + "\"", "\"service\":\"latest-4-information\"");

        JsonObject outcome = fx.sign(txn, person, CaKind.SIGNATURE);
        assertThat(outcome.getString("status")).as(outcome.encode()).isEqualTo("verified");
        assertThat(outcome.getString("certificate_type")).isEqualTo("SIGNATURE_CARD");
        assertThat(fx.get("/consent/sign/" + txn + "/status", browser.cookie()).bodyAsJsonObject().getString("status"))
                .isEqualTo("verified");
        assertThat(fx.get("/consent/sign/" + txn, null).statusCode()).isEqualTo(409);

        HttpResponse<Buffer> done = fx.get("/consent/sign/" + txn + "/continue", browser.cookie());
        assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
        assertThat(done.bodyAsString()).contains("data-outcome=\"signed\"", "同意しました", "Example Bank", customer,
                "id=\"to-dashboard\" href=\"../../../account/consents\"");
        assertNotInAnyUrl(done, customer);

        ConsentRecord stored = await(fx.consents.find(invitation.id())).orElseThrow();
        assertThat(stored.state()).isEqualTo(ConsentState.ACTIVE);
        assertThat(stored.customerNumber()).isEqualTo(customer);
        assertThat(stored.evidence().statement()).isEqualTo(statement);
        assertThat(stored.evidence().certificateSerial()).isEqualTo(fx.signatureSerial(person));
        assertThat(stored.evidence().certificateIssuer()).startsWith("sim:");
        assertThat(stored.evidence().result()).isEqualTo("valid");
        assertThat(stored.evidence().signature()).isNotEmpty();
        assertThat(stored.evidence().certificate()).as("J-LIS has it: not kept").isEmpty();
        assertThat(stored.registration()).isPresent();
        jp.jpkigate.sim.ca.FourInfo fourInfo = fx.op.sim.registry().person(person.personId()).fourInfo();
        assertThat(stored.itemDigests()).as("keyed digests of the consented items, read from the verified certificate")
                .isEqualTo(java.util.Map.of(
                        FourInformationItem.NAME, fx.itemDigests.digest(FourInformationItem.NAME, fourInfo.name()),
                        FourInformationItem.ADDRESS, fx.itemDigests.digest(FourInformationItem.ADDRESS, fourInfo.address())));
        String personKey = stored.personKey();
        assertThat(personKey).isEqualTo(await(fx.persons.personKey(stored.evidence().certificateIssuer(),
                stored.evidence().certificateSerial())));
        assertThat(await(fx.consents.consentsOfPerson(personKey))).containsEntry(OpFixture.BANK, invitation.id());
        assertThat(await(fx.consents.consentFor(OpFixture.BANK, customer))).contains(invitation.id());
        assertThat(stored.registration().orElseThrow().registryId()).isNotBlank();
        assertThat(fx.auditOf(invitation.id())).containsExactly("consent_signed", "consent_registered");
        assertThat(await(fx.audit.read(1, 100_000)).stream().map(e -> e.event()).filter(e -> e.record().equals(invitation.id()))
                .findFirst().orElseThrow().details()).containsEntry(jp.jpkigate.consent.audit.AuditDetail.CERTIFICATE_SERIAL,
                        fx.signatureSerial(person).toString(16));
        assertThat(await(fx.changes.since(OpFixture.BANK, Optional.empty(), 10_000)).entries().stream()
                .map(ConsentChangeLog.Entry::change).filter(c -> c.consentId().equals(invitation.id()))
                .map(ConsentChangeLog.Change::status)).containsExactly(BusinessStatus.PENDING, BusinessStatus.ACTIVE);

        // a reload shows the same consent; the transaction is used up
        HttpResponse<Buffer> again = fx.get("/consent/sign/" + txn + "/continue", browser.cookie());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.bodyAsString()).contains("data-outcome=\"signed\"");
        assertThat(fx.auditOf(invitation.id())).as("registered once").containsExactly("consent_signed", "consent_registered");
        // the invitation is used: its page says so
        HttpResponse<Buffer> used = fx.get(fx.linkPath(invitation), null);
        assertThat(used.statusCode()).isEqualTo(409);
        assertThat(used.bodyAsString()).contains("invitation_used", "既に使用されています");
    }

    @Test
    void anInvitationUsedByAnotherPersonIsRefusedAndOneUsedByYouIsShown() throws Exception {
        Device first = fx.op.issueCard();
        Device second = fx.op.issueCard();
        Invitation invitation = fx.invite(customer());
        Browser a = fx.openInvitation(invitation);
        Browser b = fx.openInvitation(invitation);
        String txnA = fx.startSigning(a, invitation);
        String txnA2 = fx.startSigning(a, invitation);
        String txnB = fx.startSigning(b, invitation);
        fx.sign(txnA, first, CaKind.SIGNATURE);
        fx.sign(txnA2, first, CaKind.SIGNATURE);
        fx.sign(txnB, second, CaKind.SIGNATURE);

        assertThat(fx.get("/consent/sign/" + txnA + "/continue", a.cookie()).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> mineAgain = fx.get("/consent/sign/" + txnA2 + "/continue", a.cookie());
        assertThat(mineAgain.statusCode()).isEqualTo(200);
        assertThat(mineAgain.bodyAsString()).contains("data-outcome=\"already-signed\"", "既にあなたが同意しています");
        HttpResponse<Buffer> other = fx.get("/consent/sign/" + txnB + "/continue", b.cookie());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.bodyAsString()).contains("invitation_used");
        assertThat(fx.auditOf(invitation.id())).containsExactly("consent_signed", "consent_registered",
                "attempt_refused consent_invitation_used");
        assertThat(await(fx.consents.find(invitation.id())).orElseThrow().evidence().certificateSerial())
                .isEqualTo(fx.signatureSerial(first));
    }

    @Test
    void forgedAndUnknownTokensAre404() throws Exception {
        Invitation invitation = fx.invite(customer());
        String token = fx.links.token(invitation.id());
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(fx.get("/consent/i/" + forged, null).statusCode()).isEqualTo(404);
        assertThat(fx.get("/consent/i/" + invitation.id(), null).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> unknown = fx.get("/consent/i/" + fx.links.token("AAAAAAAAAAAAAAAAAAAAAA"), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsString()).contains("unknown_invitation", "見つかりません", "does not exist");
        assertThat(fx.get("/consent/sign/not-a-transaction", null).statusCode()).isEqualTo(404);
    }

    @Test
    void anExpiredInvitationIs410() throws Exception {
        Invitation invitation = fx.invite(customer(), Duration.ofHours(1));
        Browser browser = fx.openInvitation(invitation);
        HttpResponse<Buffer> page = fx.get(fx.linkPath(invitation), browser.cookie());
        fx.op.clock.advance(Duration.ofHours(2));
        HttpResponse<Buffer> expired = fx.get(fx.linkPath(invitation), browser.cookie());
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.bodyAsString()).contains("expired_invitation", "有効期限");
        assertThat(fx.postForm(fx.linkPath(invitation), browser.cookie(), "csrf=" + csrfOf(page)).statusCode()).isEqualTo(410);
    }

    @Test
    void theAuthenticationCertificateIsRefusedClearly() throws Exception {
        Invitation invitation = fx.invite(customer());
        Browser browser = fx.openInvitation(invitation);
        String txn = fx.startSigning(browser, invitation);
        JsonObject outcome = fx.sign(txn, fx.op.card, CaKind.AUTHENTICATION);
        assertThat(outcome.getString("status")).isEqualTo("failed");
        assertThat(outcome.getString("error")).isEqualTo("wrong_certificate_type");
        assertThat(outcome.getString("message_ja")).contains("署名用電子証明書");
        JsonObject status = fx.get("/consent/sign/" + txn + "/status", browser.cookie()).bodyAsJsonObject();
        assertThat(status.getString("status")).isEqualTo("failed");
        HttpResponse<Buffer> refused = fx.get("/consent/sign/" + txn + "/continue", browser.cookie());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsString()).contains("wrong_certificate_type", "暗証番号", "signature certificate");
        assertThat(await(fx.consents.find(invitation.id()))).isEmpty();
        assertThat(fx.auditOf(invitation.id())).as("nothing signed, the refusal recorded")
                .containsExactly("attempt_refused consent_wrong_certificate_type");
        // a mix (the signature key with the authentication certificate) does not verify either
        String mixed = fx.startSigning(browser, invitation);
        JsonObject mix = fx.postSigner(mixed, fx.signed(mixed, fx.op.card, CaKind.AUTHENTICATION, CaKind.SIGNATURE)).bodyAsJsonObject();
        assertThat(mix.getString("status")).isEqualTo("failed");
    }

    @Test
    void aRevokedSignatureCertificateIsRefused() throws Exception {
        Device person = fx.op.issueCard();
        fx.op.sim.registry().life().revoke(person.signature(), Reason.AFFILIATION_CHANGED);
        Invitation invitation = fx.invite(customer());
        Browser browser = fx.openInvitation(invitation);
        String txn = fx.startSigning(browser, invitation);
        JsonObject outcome = fx.sign(txn, person, CaKind.SIGNATURE);
        assertThat(outcome.getString("error")).isEqualTo("certificate_revoked");
        HttpResponse<Buffer> refused = fx.get("/consent/sign/" + txn + "/continue", browser.cookie());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsString()).contains("certificate_revoked", "失効");
        assertThat(await(fx.consents.find(invitation.id()))).isEmpty();
    }

    @Test
    void aMissingOrWrongCsrfTokenIsRefused() throws Exception {
        Invitation invitation = fx.invite(customer());
        Browser browser = fx.openInvitation(invitation);
        Browser other = fx.openInvitation(invitation);
        HttpResponse<Buffer> page = fx.get(fx.linkPath(invitation), browser.cookie());
        assertThat(fx.postForm(fx.linkPath(invitation), browser.cookie(), "").statusCode()).isEqualTo(400);
        assertThat(fx.postForm(fx.linkPath(invitation), browser.cookie(), "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .statusCode()).isEqualTo(403);
        assertThat(fx.postForm(fx.linkPath(invitation), null, "csrf=" + csrfOf(page)).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> otherBrowser = fx.postForm(fx.linkPath(invitation), other.cookie(), "csrf=" + csrfOf(page));
        assertThat(otherBrowser.statusCode()).isEqualTo(403);
        assertThat(otherBrowser.bodyAsString()).contains("invalid_csrf_token");
        // a token of another invitation does not serve this one
        Invitation another = fx.invite(customer());
        assertThat(fx.postForm(fx.linkPath(another), browser.cookie(), "csrf=" + csrfOf(page)).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> start = fx.get("/consent/start", browser.cookie());
        assertThat(fx.postForm("/consent/start", browser.cookie(), "csrf=" + csrfOf(page) + "&client_id=bank&customer_number="
                + invitation.customerNumber()).statusCode()).isEqualTo(403);
        assertThat(fx.postForm("/consent/start", browser.cookie(), "client_id=bank&customer_number=X").statusCode()).isEqualTo(400);
        assertThat(start.statusCode()).isEqualTo(200);
    }

    @Test
    void anotherBrowserCannotFollowOrContinueTheSigning() throws Exception {
        Invitation invitation = fx.invite(customer());
        Browser browser = fx.openInvitation(invitation);
        Browser other = fx.openInvitation(invitation);
        String txn = fx.startSigning(browser, invitation);
        fx.sign(txn, fx.op.issueCard(), CaKind.SIGNATURE);
        assertThat(fx.get("/consent/sign/" + txn + "/status", other.cookie()).statusCode()).isEqualTo(403);
        assertThat(fx.get("/consent/sign/" + txn + "/page", other.cookie()).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> continued = fx.get("/consent/sign/" + txn + "/continue", other.cookie());
        assertThat(continued.statusCode()).isEqualTo(403);
        assertThat(continued.bodyAsString()).contains("not_this_browser");
        assertThat(fx.get("/consent/sign/" + txn + "/continue", null).statusCode()).isEqualTo(403);
        assertThat(await(fx.consents.find(invitation.id()))).isEmpty();
        assertThat(fx.get("/consent/sign/" + txn + "/continue", browser.cookie()).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredSigningTransactionIsRefused() throws Exception {
        Invitation invitation = fx.invite(customer());
        Browser browser = fx.openInvitation(invitation);
        String txn = fx.startSigning(browser, invitation);
        fx.op.clock.advance(Duration.ofMinutes(6));
        assertThat(fx.get("/consent/sign/" + txn, null).statusCode()).isEqualTo(410);
        assertThat(fx.get("/consent/sign/" + txn + "/status", browser.cookie()).bodyAsJsonObject().getString("status"))
                .isEqualTo("expired");
        HttpResponse<Buffer> expired = fx.get("/consent/sign/" + txn + "/continue", browser.cookie());
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.bodyAsString()).contains("expired_transaction");
        assertThat(fx.get("/consent/sign/" + txn + "/continue", browser.cookie()).statusCode()).isEqualTo(409);
    }

    @Test
    void aPersonStartsFromTheBusinessAndTheCustomerNumber() throws Exception {
        Device person = fx.op.issueCard();
        String customer = customer();
        fx.invite(customer);
        Invitation latest = fx.invite(customer);
        HttpResponse<Buffer> form = fx.get("/consent/start", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.bodyAsString()).contains("<option value=\"bank\">Example Bank</option>", "id=\"customer-number-input\"")
                .doesNotContain("value=\"legacy\"");
        String cookie = ConsentPagesFixture.cookieOf(form);

        HttpResponse<Buffer> review = fx.postForm("/consent/start", cookie,
                "csrf=" + csrfOf(form) + "&client_id=bank&customer_number=" + customer);
        assertThat(review.statusCode()).as(review.bodyAsString()).isEqualTo(200);
        assertThat(review.bodyAsString()).contains("id=\"customer-number\">" + customer + "<", "Example Bank",
                "action=\"../consent/i/" + fx.links.token(latest.id()) + "\"");
        assertNotInAnyUrl(review, customer);

        String txn = ConsentPagesFixture.signingTxnOf(fx.postForm(fx.linkPath(latest), cookie, "csrf=" + csrfOf(review)));
        fx.sign(txn, person, CaKind.SIGNATURE);
        assertThat(fx.get("/consent/sign/" + txn + "/continue", cookie).statusCode()).isEqualTo(200);
        assertThat(await(fx.consents.find(latest.id()))).isPresent();

        HttpResponse<Buffer> none = fx.postForm("/consent/start", cookie, "csrf=" + csrfOf(form) + "&client_id=bank&customer_number=nobody-"
                + System.nanoTime());
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.bodyAsString()).contains("no_invitation", "事業者に同意のご案内をご依頼ください");
        assertThat(fx.postForm("/consent/start", cookie, "csrf=" + csrfOf(form) + "&client_id=legacy&customer_number=X1")
                .statusCode()).isEqualTo(400);
    }
}
