package jp.jpkigate.perf.consent;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.exec.Executable;
import java.net.URI;
import jp.jpkigate.perf.login.VirtualCards;

/**
 * The person's withdrawal on the dashboard as a fluent builder:
 * {@code WithdrawalSteps.start(baseUrl).openDashboard().cardLogsIn().withdrawFirst().cardSigns().finish().build()}
 * — {@code GET /account/consents} sends the browser to an account login (its page's same-device link is
 * the signer URL, which the card signs with the authentication key and PIN), the page continues to the
 * account session; the dashboard's first withdraw form (its CSRF token and consent id) opens a
 * withdrawal signing transaction, the card signs it with the signature key and password, and the page
 * continues to the done page ({@code withdrawn}). Every step checks the status and saves what the next
 * needs. The session needs the card ({@link VirtualCards#CARD}) of a person with an active consent.
 */
final class WithdrawalSteps {
    private final String baseUrl;
    private final ChainBuilder chain;

    private WithdrawalSteps(String baseUrl, ChainBuilder chain) {
        this.baseUrl = baseUrl;
        this.chain = chain;
    }

    static WithdrawalSteps start(String baseUrl) {
        return new WithdrawalSteps(baseUrl, exec(session -> session));
    }

    private WithdrawalSteps then(Executable... actions) {
        ChainBuilder next = chain;
        for (Executable action : actions) {
            next = next.exec(action).exitHereIfFailed();
        }
        return new WithdrawalSteps(baseUrl, next);
    }

    /** The dashboard without a session: 303 to the account login page; its signer and continue links. */
    WithdrawalSteps openDashboard() {
        return then(http("dashboard (login)").get("/account/consents")
                        .check(status().is(303), header("Location").transform(this::path).saveAs("loginPage")),
                http("account login page").get("#{loginPage}")
                        .check(status().is(200), css("a#same-device", "href").transform(this::path).saveAs("signer"),
                                css("main#login", "data-continue-url").saveAs("continue")));
    }

    /** The card signs the login with the authentication key; the page continues to the account session. */
    WithdrawalSteps cardLogsIn() {
        return then(VirtualCards.signerApp("#{signer}"))
                .then(http("account login continue").get(session -> resolve(session.getString("loginPage"),
                        session.getString("continue"))).check(status().is(303)));
    }

    /** The dashboard lists the consents; the first withdraw form → a withdrawal signing page and its signer link. */
    WithdrawalSteps withdrawFirst() {
        return then(http("dashboard").get("/account/consents")
                        .check(status().is(200), css("input[name='csrf']", "value").saveAs("csrf"),
                                css("input[name='consent_id']", "value").saveAs("consentId")),
                http("withdraw").post("/account/consents/withdraw").formParam("csrf", "#{csrf}")
                        .formParam("consent_id", "#{consentId}")
                        .check(status().is(303), header("Location").transform(this::path).saveAs("withdrawPage")),
                http("withdrawal page").get("#{withdrawPage}")
                        .check(status().is(200), css("a#same-device", "href").transform(this::path).saveAs("signer")));
    }

    /** The card signs the withdrawal with the signature key. */
    WithdrawalSteps cardSigns() {
        return then(VirtualCards.signerApp("#{signer}"));
    }

    /** The page continues: the consent is withdrawn (recorded, J-LIS told, the feed's last event queued). */
    WithdrawalSteps finish() {
        return then(http("withdrawal continue").get(session -> session.getString("withdrawPage").replaceFirst("/page$", "/continue"))
                .check(status().is(200), css("main#consent-done", "data-outcome").is("withdrawn")));
    }

    ChainBuilder build() {
        return chain;
    }

    /** A link of the gateway's as a path from its root (the links may be absolute or relative to the root). */
    private String path(String link) {
        return link.startsWith(baseUrl) ? link.substring(baseUrl.length()) : link;
    }

    /** {@code link} relative to the page at {@code page} (a path), as a path. */
    private static String resolve(String page, String link) {
        return URI.create("http://gateway" + page).resolve(link.replace("&amp;", "&")).toString().substring("http://gateway".length());
    }
}
