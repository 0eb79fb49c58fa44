package jp.jpkigate.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import jp.jpkigate.consent.audit.AuditEntry;
import jp.jpkigate.consent.audit.ConsentAuditEventType;
import jp.jpkigate.consent.audit.redis.RedisConsentAuditLog;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.app.VerifyConsentAuditCommand;
import jp.jpkigate.gateway.clients.Chromium;
import jp.jpkigate.gateway.clients.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consent service end to end with a person's real browser (headless Chromium) and the bank's
 * back end: the bank invites a batch of customers, the person opens the invitation link, reads it,
 * signs it with the card's signature key (the card signs on the signer URL, the page continues by
 * itself), finds it on the dashboard after an authentication-key login, and withdraws it there; the
 * bank sees pending → active → withdrawn and the audit chain verifies with every step in it. And the
 * wrong key: the authentication key signing a consent gets the page's clear refusal. Screenshots in
 * {@code target/screenshots/consent-*.png}.
 */
@ExtendWith(RunningGateway.Extension.class)
class ConsentBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final String CUSTOMER = "MB-0001234";

    @Test
    void aPersonConsentsInTheBrowserSeesItOnTheDashboardAndWithdrawsIt(RunningGateway gateway) throws Exception {
        long auditBefore = auditEntries(gateway).size();
        BankApi bank = BankApi.connect(gateway.issuer(), RunningGateway.BANK_ID, gateway.bankKey());
        List<JsonObject> lines = bank.invite(List.of("MB-0001233", CUSTOMER, "MB-0001235"));
        assertThat(lines).allSatisfy(line -> assertThat(line.getString("status")).isEqualTo("created"));
        assertThat(bank.consentOf(CUSTOMER).getString("status")).isEqualTo("pending");

        try (Chromium browser = Chromium.start()) {
            LocalDate today = LocalDate.now(JAPAN);
            reviewInvitation(browser, lines.get(1).getString("url"), today);
            browser.click(browser.await("#sign-button"));
            String signer = signingPage(browser, "consent-signing");
            assertThat(gateway.signer().sign(URI.create(signer))).contains("verified (SIGNATURE_CARD)");
            assertDone(browser, "signed", "consent-done");

            JsonObject active = bank.consentOf(CUSTOMER);
            assertThat(active.getString("status")).isEqualTo("active");
            LocalDate signedDay = Instant.parse(active.getString("signed_at")).atZone(JAPAN).toLocalDate();
            assertThat(LocalDate.parse(active.getString("valid_until"))).isEqualTo(signedDay.plusYears(10));

            String consentId = active.getString("consent_id");
            logInToDashboard(browser, gateway);
            String entry = "section.consent[data-consent-id='" + consentId + "']";
            assertEntry(browser, entry, "active", "consent-dashboard");
            assertThat(browser.text(browser.await(entry + " .valid-until"))).contains(signedDay.plusYears(10).toString());

            browser.click(browser.await(entry + " .withdraw-button"));
            String withdrawal = signingPage(browser, "withdrawal-signing");
            assertThat(gateway.signer().sign(URI.create(withdrawal))).contains("verified (SIGNATURE_CARD)");
            assertDone(browser, "withdrawn", "withdrawal-done");

            browser.open(gateway.issuer() + "/account/consents");
            assertEntry(browser, entry, "withdrawn", "consent-dashboard-withdrawn");
            assertThat(browser.find(entry + " .withdraw-button")).isEmpty();
        }

        JsonObject withdrawn = bank.consentOf(CUSTOMER);
        assertThat(withdrawn.getString("status")).isEqualTo("withdrawn");
        assertThat(jlisChanges(gateway, withdrawn.getString("consent_id"))).extracting(change -> change.getString("status"))
                .containsExactly("active", "withdrawn");
        assertThat(bank.changes()).filteredOn(change -> CUSTOMER.equals(change.getString("customer_number")))
                .extracting(change -> change.getString("status")).containsExactly("pending", "active", "withdrawn");
        assertAuditChain(gateway, auditBefore);
    }

    @Test
    void theAuthenticationKeySigningAConsentGetsTheClearRefusal(RunningGateway gateway) throws Exception {
        BankApi bank = BankApi.connect(gateway.issuer(), RunningGateway.BANK_ID, gateway.bankKey());
        String url = bank.invite(List.of("MB-0007777")).get(0).getString("url");

        try (Chromium browser = Chromium.start()) {
            browser.open(url);
            browser.click(browser.await("#sign-button"));
            String signer = signingPage(browser, "wrong-key-signing");
            assertThat(new JsonObject(gateway.signer().signWithAuthenticationKey(URI.create(signer))).getString("error"))
                    .isEqualTo("wrong_certificate_type");

            String message = browser.await("#message.error");
            Chromium.waitFor(() -> browser.text(message).contains("署名用電子証明書"), "the refusal on the signing page");
            assertThat(browser.text(message)).contains("利用者証明用電子証明書（数字4桁の暗証番号）では同意できません",
                    "The user authentication certificate (4-digit PIN) cannot sign a consent",
                    "Please sign with the signature certificate");
            browser.screenshot(SCREENSHOTS.resolve("consent-wrong-key.png"));
        }
        assertThat(bank.consentOf("MB-0007777").getString("status")).isEqualTo("pending");
    }

    /** The invitation page: the bank, the customer number, the items, today's date, the 10-year validity. */
    private static void reviewInvitation(Chromium browser, String url, LocalDate today) throws Exception {
        browser.open(url);
        String page = browser.await("main#consent-review");
        assertThat(browser.text(browser.await("#business-name"))).isEqualTo(RunningGateway.BANK_NAME);
        assertThat(browser.text(browser.await("#customer-number"))).isEqualTo(CUSTOMER);
        assertThat(browser.text(browser.await("#items"))).contains("氏名", "Name", "住所", "Address")
                .doesNotContain("性別", "Gender");
        assertThat(browser.text(browser.await("#purpose"))).isEqualTo(BankApi.PURPOSE);
        assertThat(browser.text(browser.await("#date"))).contains(
                today.getYear() + "年" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日", today.toString());
        assertThat(browser.text(browser.await("#validity"))).contains("10年間", "10 years", "いつでも取り消せます",
                "withdraw it at any time");
        assertThat(browser.text(page)).contains("最新の4情報提供サービスへの同意", "Consent to the latest-4-information service",
                "署名用電子証明書", "signature certificate");
        browser.screenshot(SCREENSHOTS.resolve("consent-invitation.png"));
    }

    /** The signing page with its QR code and the signature certificate asked for; the signer URL it offers. */
    private static String signingPage(Chromium browser, String screenshot) throws Exception {
        String page = browser.await("main#login.signing");
        browser.await("figure.qr svg path");
        assertThat(browser.text(page)).contains(RunningGateway.BANK_NAME, "署名用電子証明書", "signature certificate",
                "カードでの署名を待っています");
        browser.screenshot(SCREENSHOTS.resolve(screenshot + ".png"));
        return browser.attribute(browser.await("#same-device"), "href");
    }

    /** The page went on by itself (its script polls) to the done page with {@code outcome}. */
    private static void assertDone(Chromium browser, String outcome, String screenshot) throws Exception {
        String done = browser.await("main#consent-done");
        assertThat(browser.attribute(done, "data-outcome")).isEqualTo(outcome);
        assertThat(browser.text(browser.await("#business-name"))).isEqualTo(RunningGateway.BANK_NAME);
        assertThat(browser.text(browser.await("#customer-number"))).isEqualTo(CUSTOMER);
        browser.screenshot(SCREENSHOTS.resolve(screenshot + ".png"));
    }

    /** {@code /account/consents} sends the browser to the account login; the card signs with its authentication key. */
    private static void logInToDashboard(Chromium browser, RunningGateway gateway) throws Exception {
        browser.open(gateway.issuer() + "/account/consents");
        String login = browser.await("main#login");
        browser.await("figure.qr svg path");
        assertThat(URI.create(browser.currentUrl()).getPath()).isEqualTo("/account/approvals");
        browser.screenshot(SCREENSHOTS.resolve("consent-account-login.png"));
        URI status = URI.create(browser.currentUrl()).resolve(browser.attribute(login, "data-status-url"));
        assertThat(gateway.signer().sign(URI.create(status.toString().replaceFirst("/status$", ""))))
                .contains("verified (AUTH_CARD)");
        Chromium.waitFor(() -> browser.currentUrl().equals(gateway.issuer() + "/account/consents"),
                "the account login to return to the consents");
    }

    private static void assertEntry(Chromium browser, String entry, String status, String screenshot) throws Exception {
        browser.await("main#consents");
        String section = browser.await(entry);
        assertThat(browser.attribute(section, "data-status")).isEqualTo(status);
        assertThat(browser.text(section)).contains(RunningGateway.BANK_NAME, CUSTOMER, "氏名", "住所");
        browser.screenshot(SCREENSHOTS.resolve(screenshot + ".png"));
    }

    /**
     * {@code verify-consent-audit} on the gateway's Redis says the chain is intact, and the entries this
     * test added are the batch, the signature, J-LIS's registration and the withdrawal, in that order.
     */
    private static void assertAuditChain(RunningGateway gateway, long before) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyConsentAuditCommand.run(new String[] {"--redis", gateway.redisUrl()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<AuditEntry> entries = auditEntries(gateway);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(VerifyConsentAuditCommand.INTACT);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("audit chain OK: " + entries.size() + " entries, head "
                + entries.get(entries.size() - 1).hash());
        assertThat(entries.subList((int) before, entries.size())).extracting(entry -> entry.event().type())
                .containsSubsequence(ConsentAuditEventType.INVITED, ConsentAuditEventType.CONSENT_SIGNED,
                        ConsentAuditEventType.CONSENT_REGISTERED, ConsentAuditEventType.CONSENT_WITHDRAWN)
                .doesNotContain(ConsentAuditEventType.REGISTRATION_FAILED);
    }

    /** What J-LIS's consent registry (the simulator) recorded of the consent, in order. */
    private static List<JsonObject> jlisChanges(RunningGateway gateway, String consentId) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.simulatorUrl()
                + "/jlis/consents?business_id=" + RunningGateway.BANK_ID + "&limit=1000")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new JsonObject(answer.body()).getJsonArray("changes").stream().map(JsonObject.class::cast)
                .filter(change -> consentId.equals(change.getString("consent_id"))).toList();
    }

    private static List<AuditEntry> auditEntries(RunningGateway gateway) throws Exception {
        Vertx vertx = TestVertx.create();
        Redis redis = Redis.createClient(vertx, gateway.redisUrl());
        try {
            return TestVertx.await(new RedisConsentAuditLog(vertx, redis).read(1, 10_000));
        } finally {
            redis.close();
            TestVertx.await(vertx.close());
        }
    }
}
