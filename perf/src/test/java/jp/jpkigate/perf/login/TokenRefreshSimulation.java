package jp.jpkigate.perf.login;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.perf.common.MeasuredSimulation;
import jp.jpkigate.perf.common.Parameter;

/**
 * Token refresh of logged-in relying parties, in a closed model: {@code refresh.users} virtual users
 * log in once during the warm-up (the full login of {@link LoginSteps}, group {@code setup}), then each
 * refreshes its tokens every {@code refresh.paceMillis} until the measurement window closes —
 * {@code private_key_jwt}, a DPoP proof of the login's key, the refresh token rotating each time. The
 * window sees only refreshes: about {@code users * 1000 / paceMillis} per second.
 *
 * <p>Parameters ({@code -Drefresh.NAME=VALUE}): {@code users}, {@code paceMillis}, {@code p99Millis}; the
 * cards and client of the login ({@code login.people}, {@code login.clientId}). The warm-up must be long
 * enough for every user's login ({@code perf.warmUpSeconds}).
 */
public class TokenRefreshSimulation extends MeasuredSimulation {
    static final Parameter USERS = new Parameter("refresh.users", "20", "logged-in users refreshing in turn (closed model)");
    static final Parameter PACE = new Parameter("refresh.paceMillis", "200", "each user's refresh interval");
    static final Parameter P99 = new Parameter("refresh.p99Millis", "200", "service level: p99 of a refresh");

    public TokenRefreshSimulation() throws IOException, InterruptedException, ParseException {
        super("refresh", parameters(), 1);
        LoginSettings login = LoginSettings.fromSystemProperties(settings);
        RelyingParty rp = RelyingParty.discover(settings.baseUrl(), login.clientId(), login.keyFile(), "openid");
        VirtualCards cards = VirtualCards.load(settings.simDir(), login.people());
        int users = USERS.intValue();
        Duration pace = Duration.ofMillis(PACE.longValue());

        ChainBuilder logIn = LoginSteps.start(rp).pushRequest().openLoginPage().cardSigns().continueToClient()
                .exchangeCode().build();
        ChainBuilder refresh = LoginSteps.resume(rp).refresh().build();
        long rampSeconds = Math.max(1, settings.warmUp().toSeconds() / 2);
        run(scenario(settings.scenario()).feed(cards)
                        .exec(group("setup").on(logIn)).exitHereIfFailed()
                        .exec(asLongAs(session -> !measurement.ended()).on(
                                pace(pace).exec(measurement.operation(refresh))))
                        .injectOpen(rampUsers(users).during(rampSeconds)),
                "closed, " + users + " users every " + pace.toMillis() + " ms", P99.intValue(), protocol(false));
    }

    private static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(USERS, PACE, P99));
        all.addAll(LoginSettings.parameters());
        return all;
    }
}
