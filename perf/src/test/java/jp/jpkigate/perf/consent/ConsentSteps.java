package jp.jpkigate.perf.consent;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.exec.Executable;
import jp.jpkigate.perf.login.VirtualCards;

/**
 * The person's consent as a fluent builder:
 * {@code ConsentSteps.start().openInvitation().startSigning().cardSigns().finish().build()} — the
 * invitation page (its cookie and CSRF token), the button that opens a signing transaction, the signer
 * app fetching the statement and posting the card's signature (signature certificate, password), and
 * the page's continue that records the consent and registers it with J-LIS. Every step checks the
 * status, saves what the next needs, and ends the virtual user when it failed. The session needs
 * {@code invitation} (the link's path) and the card ({@link VirtualCards#CARD}).
 */
final class ConsentSteps {
    private final ChainBuilder chain;

    private ConsentSteps(ChainBuilder chain) {
        this.chain = chain;
    }

    static ConsentSteps start() {
        return new ConsentSteps(exec(session -> session));
    }

    private ConsentSteps then(Executable... actions) {
        ChainBuilder next = chain;
        for (Executable action : actions) {
            next = next.exec(action).exitHereIfFailed();
        }
        return new ConsentSteps(next);
    }

    /** {@code GET /consent/i/{token}}: the invitation; the browser gets its cookie, the form its CSRF token. */
    ConsentSteps openInvitation() {
        return then(http("invitation page").get("#{invitation}")
                .check(status().is(200), css("form#sign-form input[name='csrf']", "value").saveAs("csrf")));
    }

    /** {@code POST /consent/i/{token}}: the signing transaction, from the redirect to its page. */
    ConsentSteps startSigning() {
        return then(http("start signing").post("#{invitation}").formParam("csrf", "#{csrf}")
                .check(status().is(303), header("Location").transform(l -> l.replaceAll(".*/consent/sign/([^/]+)/page$", "$1"))
                        .saveAs("txn")));
    }

    /** The signer app: fetches the statement, the card signs it in-process, posts certificate and signature. */
    ConsentSteps cardSigns() {
        return then(VirtualCards.signerApp("/consent/sign/#{txn}"));
    }

    /** The page continues: the consent is recorded (and registered with J-LIS) → the done page. */
    ConsentSteps finish() {
        return then(http("continue").get("/consent/sign/#{txn}/continue")
                .check(status().is(200), css("main#consent-done", "data-outcome").exists()));
    }

    ChainBuilder build() {
        return chain;
    }
}
