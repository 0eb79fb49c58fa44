package jp.jpkigate.perf.consent;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
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
import jp.jpkigate.perf.token.BackendClient;

/**
 * A bank invites its customers to consent: {@code POST /consent/v1/invitations} with
 * {@code consent.batch} new customer numbers a call (Bearer token of the fixtures' back end,
 * {@code consent:write}, fetched before the run), each answered 201 with a link and QR code URLs per
 * customer once stored. The figure that counts is invitations per server-CPU-second.
 *
 * <p>Parameters: {@code consent.batch} and the {@link Load} {@code invite.model}, {@code .rate},
 * {@code .users}, {@code .p99Millis}.
 */
public class ConsentInvitationSimulation extends MeasuredSimulation {
    static final Parameter BATCH = new Parameter("consent.batch", "100", "customers per invitation call");
    static final List<Parameter> LOAD = Load.parameters("invite", "open", 5, 2, 1000);

    public ConsentInvitationSimulation() throws IOException, InterruptedException {
        super("consent-invitations", parameters(), BATCH.intValue());
        String token = BackendClient.accessToken(settings.baseUrl(), "consent:write");
        int batch = BATCH.intValue();
        fact("batch", batch);
        ChainBuilder invite = exec(session -> session.set("body", ConsentApi.batch(batch)))
                .exec(http("invitations").post(ConsentApi.PATH)
                        .header("Authorization", "Bearer " + token)
                        .body(StringBody("#{body}")).asJson()
                        .check(status().is(201), jsonPath("$.invitations[" + (batch - 1) + "].url").exists()))
                .exitHereIfFailed();
        run(scenario(settings.scenario()), invite, Load.of(LOAD), protocol(true));
    }

    private static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(List.of(BATCH));
        all.addAll(LOAD);
        return all;
    }
}
