package jp.jpkigate.perf.feed;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.jpkigate.perf.common.MeasuredSimulation;
import jp.jpkigate.perf.common.Parameter;
import jp.jpkigate.perf.token.BackendClient;

/**
 * 4-information changes delivered to a local receiver by polling (RFC 8936): {@code feed.receivers}
 * receivers of the fixtures' bank each loop on {@code POST /feed/v1/poll} ({@code feed:read} Bearer
 * token fetched before the run), acknowledging the sets of their last answer and asking for up to
 * {@code feed.maxEvents}, until the window closes. The events come from changes made before the run
 * (people with consents moving, in J-LIS) — {@code feed.expectedEvents} of them; the summary counts the
 * distinct sets received ({@code events}) so "nothing lost" is {@code events == expectedEvents}, and the
 * throughput of interest is events per second.
 *
 * <p><b>Not runnable yet</b>: the four-info-feed module is not wired into the gateway (no
 * {@code /feed/v1/poll} route on it), and the feed's destinations (which business polls) are not in the
 * fixtures. {@code perf/run.sh} lists the scenario as skipped until they are.
 *
 * <p>Parameters: {@code feed.receivers}, {@code feed.maxEvents}, {@code feed.expectedEvents},
 * {@code feed.p99Millis}.
 */
public class FeedPollSimulation extends MeasuredSimulation {
    static final Parameter RECEIVERS = new Parameter("feed.receivers", "2", "concurrent polling receivers");
    static final Parameter MAX_EVENTS = new Parameter("feed.maxEvents", "500", "maxEvents of a poll");
    static final Parameter EXPECTED = new Parameter("feed.expectedEvents", "0", "events made before the run (0: unknown)");
    static final Parameter P99 = new Parameter("feed.p99Millis", "500", "service level: p99 of a poll");

    private final Set<String> received = ConcurrentHashMap.newKeySet();

    public FeedPollSimulation() throws IOException, InterruptedException {
        super("feed", List.of(RECEIVERS, MAX_EVENTS, EXPECTED, P99), 1);
        String token = BackendClient.accessToken(settings.baseUrl(), "feed:read");
        int maxEvents = MAX_EVENTS.intValue();
        ChainBuilder poll = exec(http("poll").post("/feed/v1/poll")
                .header("Authorization", "Bearer " + token)
                .body(StringBody(session -> new JsonObject().put("ack", new JsonArray(session.getList("ack")))
                        .put("maxEvents", maxEvents).put("returnImmediately", true).encode())).asJson()
                .check(status().is(200), jsonPath("$.sets").ofMap().saveAs("sets")))
                .exitHereIfFailed()
                .exec(this::acknowledge);
        run(scenario(settings.scenario())
                        .exec(session -> session.set("ack", List.of()))
                        .exec(asLongAs(session -> !measurement.ended()).on(measurement.operation(poll)))
                        .injectOpen(atOnceUsers(RECEIVERS.intValue())),
                "closed, " + RECEIVERS.intValue() + " receivers", P99.intValue(), protocol(true));
    }

    /** Keeps the answer's set ids to acknowledge with the next poll and counts the distinct ones. */
    private Session acknowledge(Session session) {
        Map<String, Object> sets = session.getMap("sets");
        received.addAll(sets.keySet());
        return session.set("ack", new ArrayList<>(sets.keySet()));
    }

    @Override
    public void after() {
        fact("events", received.size());
        fact("expectedEvents", EXPECTED.intValue());
        super.after();
    }
}
