package jp.jpkigate.perf.token;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.perf.common.Load;
import jp.jpkigate.perf.common.MeasuredSimulation;
import jp.jpkigate.perf.common.Parameter;
import jp.jpkigate.perf.common.RoundRobin;

/**
 * Token introspection (RFC 7662) by a resource server over a shared connection pool: {@code POST
 * /introspect} with HTTP Basic and one of {@code introspect.tokens} access tokens, fetched with
 * {@code client_credentials} before the run (they live 5 minutes: longer runs see them expire and fail
 * the check {@code active: true}). Each answer is checked to be active. The figure that counts is
 * introspections per server-CPU-second.
 *
 * <p>Parameters: {@code introspect.tokens} and the {@link Load} {@code introspect.model}, {@code .rate},
 * {@code .users}, {@code .p99Millis}.
 */
public class IntrospectionSimulation extends MeasuredSimulation {
    static final Parameter TOKENS = new Parameter("introspect.tokens", "50", "distinct access tokens, fetched before the run");
    static final List<Parameter> LOAD = Load.parameters("introspect", "open", 300, 8, 100);

    public IntrospectionSimulation() throws IOException, InterruptedException {
        super("introspection", parameters(), 1);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < TOKENS.intValue(); i++) {
            tokens.add(BackendClient.accessToken(settings.baseUrl(), "consent:read"));
        }
        ChainBuilder introspect = exec(http("introspect").post("/introspect")
                .header("Authorization", BackendClient.BASIC)
                .formParam("token", "#{token}")
                .check(status().is(200), jsonPath("$.active").ofBoolean().is(true))).exitHereIfFailed();
        run(scenario(settings.scenario()).feed(RoundRobin.of("token", tokens)), introspect, Load.of(LOAD), protocol(true));
    }

    private static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(TOKENS));
        all.addAll(LOAD);
        return all;
    }
}
