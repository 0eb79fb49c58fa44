package jp.jpkigate.perf.common;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every scenario of the runner shares: the common and the scenario's own parameters, printed at
 * start; one operation injected with its {@link Load} beside the {@link Measurement} window's probe;
 * the service levels as Gatling assertions (failed requests over the whole run at most
 * {@code perf.maxErrorPercent}, the measured operations' p99 at most {@code <prefix>.p99Millis}); the
 * window's summary written after the run.
 */
public abstract class MeasuredSimulation extends Simulation {
    protected final RunSettings settings;
    protected final Measurement measurement;
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /**
     * @param defaultScenario   the scenario's name unless {@code perf.scenario} says otherwise
     * @param parameters        the scenario's own parameters (printed with the common ones)
     * @param itemsPerOperation what one operation carries (a batch's certificates), else 1
     */
    protected MeasuredSimulation(String defaultScenario, List<Parameter> parameters, int itemsPerOperation) {
        List<Parameter> all = new ArrayList<>(RunSettings.PARAMETERS);
        all.addAll(parameters);
        System.out.print(Parameter.describe(getClass().getSimpleName(), all));
        settings = RunSettings.fromSystemProperties(defaultScenario);
        measurement = new Measurement(settings, itemsPerOperation);
        facts.put("simulation", getClass().getSimpleName());
    }

    /** Plain HTTP to the gateway, no redirects followed; {@code shared}: one connection pool for every user (a back end's). */
    protected HttpProtocolBuilder protocol(boolean shared) {
        HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl()).disableFollowRedirect()
                .warmUp(settings.baseUrl() + "/health/live").acceptHeader("application/json");
        return shared ? protocol.shareConnections() : protocol;
    }

    /** Sets the run up: {@code scenario} repeats {@code operation} (timed in the window) under {@code load}. */
    protected void run(ScenarioBuilder scenario, ChainBuilder operation, Load load, HttpProtocolBuilder protocol) {
        run(load.inject(scenario.exec(measurement.operation(operation)), settings), load.describe(), load.p99Millis(), protocol);
    }

    /** Sets the run up with a population of its own making, whose operations go through {@link Measurement#operation}. */
    protected void run(PopulationBuilder population, String load, int p99Millis, HttpProtocolBuilder protocol) {
        facts.put("load", load);
        facts.put("p99TargetMillis", p99Millis);
        setUp(population, measurement.window())
                .protocols(protocol)
                .assertions(global().failedRequests().percent().lte(settings.maxErrorPercent()),
                        details(settings.scenario()).responseTime().percentile(99.0).lte(p99Millis));
    }

    /** A fact for the summary (e.g. the scope of a login). */
    protected void fact(String name, Object value) {
        facts.put(name, value);
    }

    @Override
    public void after() {
        try {
            measurement.report(facts);
        } catch (IOException e) {
            System.err.println("cannot write the summary: " + e.getMessage());
        }
    }
}
