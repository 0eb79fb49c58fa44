package jp.jpkigate.perf.common;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.List;

/**
 * The workload of one scenario, from {@code -D<prefix>.model}, {@code .rate}, {@code .users} and
 * {@code .p99Millis}: an <em>open</em> model (new virtual users per second, each doing one operation,
 * whatever the server's speed: the arrival rate of independent callers) or a <em>closed</em> one (a
 * fixed number of users, each starting its next operation when the last one ended: a back end with a
 * bounded connection pool). The warm-up ramps to the load in its first third and holds it for the rest
 * (an open ramp over the whole warm-up ran half the operations, and the JIT was still compiling the
 * login's code in the window); the measurement window holds it.
 *
 * @param model     {@code open} or {@code closed}
 * @param rate      open: operations started per second in the window (the warm-up ramps from a tenth)
 * @param users     closed: concurrent users in the window (the warm-up ramps from one)
 * @param p99Millis service level: 99th percentile of an operation's time (its requests and pauses)
 */
public record Load(String model, double rate, int users, int p99Millis) {

    public Load {
        if (!model.equals("open") && !model.equals("closed")) {
            throw new IllegalArgumentException("the model is open or closed, not " + model);
        }
        if (rate <= 0 || users <= 0 || p99Millis <= 0) {
            throw new IllegalArgumentException("rate, users and p99Millis must be positive");
        }
    }

    /** The four parameters under {@code prefix}, with these defaults. */
    public static List<Parameter> parameters(String prefix, String model, double rate, int users, int p99Millis) {
        return List.of(new Parameter(prefix + ".model", model, "open (arrivals per second) or closed (concurrent users)"),
                new Parameter(prefix + ".rate", trim(rate), "open: operations per second in the window"),
                new Parameter(prefix + ".users", Integer.toString(users), "closed: concurrent users in the window"),
                new Parameter(prefix + ".p99Millis", Integer.toString(p99Millis), "service level: p99 of an operation"));
    }

    /** Reads the four parameters made by {@link #parameters}. */
    public static Load of(List<Parameter> parameters) {
        return new Load(parameters.get(0).value(), parameters.get(1).doubleValue(), parameters.get(2).intValue(),
                parameters.get(3).intValue());
    }

    /** The scenario injected with this load: ramp during the warm-up, then hold for the duration. */
    public PopulationBuilder inject(ScenarioBuilder scenario, RunSettings settings) {
        long warmUp = settings.warmUp().toSeconds();
        long duration = settings.duration().toSeconds();
        long ramp = Math.max(warmUp / 3, Math.min(warmUp, 1));
        long steady = warmUp - ramp;
        if (model.equals("open")) {
            OpenInjectionStep hold = constantUsersPerSec(rate).during(duration);
            if (warmUp == 0) {
                return scenario.injectOpen(hold);
            }
            OpenInjectionStep rampUp = rampUsersPerSec(Math.max(rate / 10, 0.1)).to(rate).during(ramp);
            return steady == 0 ? scenario.injectOpen(rampUp, hold)
                    : scenario.injectOpen(rampUp, constantUsersPerSec(rate).during(steady), hold);
        }
        ClosedInjectionStep hold = constantConcurrentUsers(users).during(duration);
        if (warmUp == 0) {
            return scenario.injectClosed(hold);
        }
        ClosedInjectionStep rampUp = rampConcurrentUsers(1).to(users).during(ramp);
        return steady == 0 ? scenario.injectClosed(rampUp, hold)
                : scenario.injectClosed(rampUp, constantConcurrentUsers(users).during(steady), hold);
    }

    /** What the report shows as the offered load. */
    public String describe() {
        return model.equals("open") ? "open, " + trim(rate) + "/s" : "closed, " + users + " users";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
