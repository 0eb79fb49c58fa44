package jp.jpkigate.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person's real browser (headless Chromium): the RP pushes its request (Nimbus), the browser
 * opens the login page and shows the QR code, the card signs, and the page finishes by itself (its
 * script polls the status), through the consent page when the gateway shows one, to the client's
 * redirect URI; the RP redeems the code. Screenshots of the pages are kept in
 * {@code target/screenshots/}.
 */
@ExtendWith(RunningGateway.Extension.class)
class RealClientsBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    @Test
    void theLoginPageShowsTheQrAndFinishesByItselfWhenTheCardSigns(RunningGateway gateway) throws Exception {
        NimbusRp rp = new NimbusRp(gateway);
        NimbusRp.Pushed pushed = rp.push(Scope.parse(FlowReport.IDENTITY_SCOPE), null);

        URI callback;
        try (Chromium browser = Chromium.start()) {
            browser.open(pushed.authorization().toString());
            String login = browser.await("main#login");
            browser.await("figure.qr svg path");
            assertThat(browser.text(login)).contains("マイナンバーカードでログイン", RunningGateway.CLIENT_NAME,
                    "署名用電子証明書", "カードでの署名を待っています");
            browser.screenshot(SCREENSHOTS.resolve("login.png"));

            URI status = URI.create(browser.currentUrl()).resolve(browser.attribute(login, "data-status-url"));
            gateway.signer().sign(URI.create(status.toString().replaceFirst("/status$", "")));
            callback = finish(browser, gateway);
            assertThat(browser.text(browser.await("#callback"))).isEqualTo("callback reached");
        }

        JsonObject id = rp.validateIdToken(rp.redeem(callback, pushed), pushed.nonce());
        assertThat(id.getString("acr")).isEqualTo("urn:jpkigate:acr:jpki-sign");
    }

    /**
     * Waits for the page to leave the login by itself, approves the consent page if the gateway
     * shows one (screenshot first), and returns the client's redirect URI the browser reached.
     */
    private static URI finish(Chromium browser, RunningGateway gateway) throws Exception {
        Chromium.waitFor(() -> browser.currentUrl().startsWith(gateway.redirectUri())
                || UserAgent.isConsentPage(URI.create(browser.currentUrl())), "the page to continue after the card signed");
        if (UserAgent.isConsentPage(URI.create(browser.currentUrl()))) {
            String approve = browser.await("#approve");
            browser.screenshot(SCREENSHOTS.resolve("consent.png"));
            browser.click(approve);
            Chromium.waitFor(() -> browser.currentUrl().startsWith(gateway.redirectUri()), "the redirect after consent");
        }
        return URI.create(browser.currentUrl());
    }
}
