package jp.jpkigate.perf.login;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import java.io.IOException;
import java.text.ParseException;
import jp.jpkigate.perf.common.MeasuredSimulation;

/**
 * The full login of a relying party and a person with a My Number card: PAR with
 * {@code private_key_jwt} → {@code /authorize} page → the signer fetches the transaction, the virtual
 * card signs in-process, the signer posts → continue (→ consent, when asked) → token (code, PKCE S256,
 * {@code private_key_jwt}, DPoP) → userinfo (DPoP). See {@link LoginSteps}. One login per virtual user
 * (its own connections, like a browser and its RP); {@code login.variant=identity} makes it the
 * identity-verification login (signature certificate and password, the 4 information).
 *
 * <p>Parameters: {@link LoginSettings} and the common ones. Fixtures: {@link LoginFixtures}. Run:
 * {@code perf/run.sh --only login} (or {@code login-identity}).
 */
public class JpkiLoginSimulation extends MeasuredSimulation {

    public JpkiLoginSimulation() throws IOException, InterruptedException, ParseException {
        super("login", LoginSettings.parameters(), 1);
        LoginSettings login = LoginSettings.fromSystemProperties(settings);
        RelyingParty rp = RelyingParty.discover(settings.baseUrl(), login.clientId(), login.keyFile(), login.scope());
        VirtualCards cards = VirtualCards.load(settings.simDir(), login.people());
        System.out.printf("issuer %s, %d cards, scope %s%n", rp.issuer(), cards.size(), login.scope());
        fact("scope", login.scope());

        ChainBuilder one = LoginSteps.start(rp).pushRequest().openLoginPage().cardSigns().continueToClient()
                .exchangeCode().userInfo().build();
        run(scenario(settings.scenario()).feed(cards), one, login.load(), protocol(false)
                .acceptHeader("text/html,application/json"));
    }
}
