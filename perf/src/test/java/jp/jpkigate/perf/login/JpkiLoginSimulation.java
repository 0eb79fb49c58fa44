package jp.jpkigate.perf.login;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The full login of a relying party and a person with a My Number card, in an open workload model:
 * PAR with {@code private_key_jwt} → {@code /authorize} page → the signer fetches the transaction,
 * the virtual card signs in-process, the signer posts → continue (→ consent, when asked) → token
 * (code, PKCE S256, {@code private_key_jwt}) → userinfo. See {@link LoginSteps}.
 *
 * <p>Load: a warm-up scenario ramps from {@code rate/10} to {@code rate} new logins per second (its
 * requests are grouped under {@code warm-up}), then the measured scenario runs {@code rate} logins per
 * second for the duration (group {@code login}). Service levels (Gatling assertions): failed requests
 * at most {@code login.maxErrorPercent} of the whole run; the 99th percentile of a measured login's
 * cumulated response time at most {@code login.p99Millis}; at least that share of the measured logins
 * reached userinfo. With {@code login.serverPids}, the server CPU per login in the window is printed.
 *
 * <p>Parameters: {@link LoginSettings}. Fixtures: {@link LoginFixtures}. Run: {@code perf/run-login.sh}.
 */
public class JpkiLoginSimulation extends Simulation {
    private final LoginSettings settings = LoginSettings.fromSystemProperties();
    private final MeasurementWindow window = new MeasurementWindow(
            new ServerCpu(settings.serverPids(), settings.clockTicks()));

    public JpkiLoginSimulation() throws IOException, InterruptedException, java.text.ParseException {
        System.out.print(LoginSettings.describe());
        RelyingParty rp = RelyingParty.discover(settings);
        VirtualCards cards = VirtualCards.load(settings.simDir(), settings.people());
        System.out.printf("issuer %s, %d cards%n", rp.issuer(), cards.size());

        ChainBuilder login = LoginSteps.start(rp).pushRequest().openLoginPage().cardSigns().continueToClient()
                .exchangeCode().userInfo().build().exec(window::loginDone);
        HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl())
                .disableFollowRedirect()
                .warmUp(settings.baseUrl() + "/health/live")
                .acceptHeader("text/html,application/json");

        List<PopulationBuilder> populations = new ArrayList<>();
        long warmUp = settings.warmUp().toSeconds();
        if (warmUp > 0) {
            populations.add(scenario("warm-up").feed(cards).group("warm-up").on(login)
                    .injectOpen(rampUsersPerSec(settings.rate() / 10).to(settings.rate()).during(warmUp)));
        }
        populations.add(scenario("login").feed(cards).group("login").on(login)
                .injectOpen(nothingFor(warmUp), constantUsersPerSec(settings.rate()).during(settings.duration())));
        populations.add(scenario("server-cpu").exec(exec(window::open).pause(settings.duration()).exec(window::close))
                .injectOpen(nothingFor(warmUp), atOnceUsers(1)));

        long minimumLogins = (long) Math.floor(settings.measuredLogins() * (1 - settings.maxErrorPercent() / 100));
        setUp(populations).protocols(protocol).assertions(
                global().failedRequests().percent().lte(settings.maxErrorPercent()),
                details("login").responseTime().percentile(99.0).lte(settings.p99Millis()),
                details("login", "userinfo").successfulRequests().count().gte(minimumLogins));
    }

    @Override
    public void after() {
        try {
            window.report(settings);
        } catch (IOException e) {
            System.err.println("cannot write the summary: " + e.getMessage());
        }
    }
}
