package jp.jpkigate.perf.token;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.perf.common.Load;
import jp.jpkigate.perf.common.MeasuredSimulation;
import jp.jpkigate.perf.common.Parameter;

/**
 * {@code client_credentials} grants (RFC 6749 §4.4) of a bank's back end over a shared connection
 * pool: {@code POST /token} with HTTP Basic and {@code scope} → an RFC 9068 access token (ES256). The
 * figure that counts is grants per server-CPU-second.
 *
 * <p>Parameters: {@code cc.scope} and the {@link Load} {@code cc.model}, {@code cc.rate}, {@code cc.users},
 * {@code cc.p99Millis}.
 */
public class ClientCredentialsSimulation extends MeasuredSimulation {
    static final Parameter SCOPE = new Parameter("cc.scope", "consent:read", "the scope asked for");
    static final List<Parameter> LOAD = Load.parameters("cc", "open", 200, 8, 100);

    public ClientCredentialsSimulation() {
        super("client-credentials", parameters(), 1);
        ChainBuilder grant = exec(http("client credentials").post("/token")
                .header("Authorization", BackendClient.BASIC)
                .formParam("grant_type", "client_credentials")
                .formParam("scope", SCOPE.value())
                .check(status().is(200), jsonPath("$.access_token").exists())).exitHereIfFailed();
        run(scenario(settings.scenario()), grant, Load.of(LOAD), protocol(true));
    }

    private static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(SCOPE));
        all.addAll(LOAD);
        return all;
    }
}
