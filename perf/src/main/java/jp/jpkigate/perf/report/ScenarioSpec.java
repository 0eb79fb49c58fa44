package jp.jpkigate.perf.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the report knows of each scenario: what its floor is made of and the targets.
 *
 * @param name       the scenario's name in the runner ({@code perf/run.sh --only NAME})
 * @param what       one line on what an operation is
 * @param requests   HTTP floors in the floor (0 for the login, whose floor the issue defines as its crypto)
 * @param benchmarks JMH scores in the floor
 */
record ScenarioSpec(String name, String what, int requests, String... benchmarks) {

    static final List<ScenarioSpec> ALL = List.of(
            new ScenarioSpec("login", "full FAPI login, authentication certificate: PAR → authorize → card signs → token"
                    + " (private_key_jwt + DPoP) → userinfo", 0, Floors.LOGIN_CRYPTO),
            new ScenarioSpec("login-100", "the same login at 100/s (after the first, its code compiled): how the server"
                    + " CPU per login falls as logins share the event loops' and Redis's wake-ups", 0, Floors.LOGIN_CRYPTO),
            new ScenarioSpec("login-identity", "the same with the signature certificate: the 4 information", 0,
                    Floors.LOGIN_CRYPTO),
            new ScenarioSpec("refresh", "refresh_token grant, private_key_jwt + DPoP, rotation", 1,
                    "LoginCryptoBenchmark.verifyClientAssertion", "DpopProofBenchmark.tokenEndpointProof",
                    "LoginCryptoBenchmark.mintAccessToken"),
            new ScenarioSpec("client-credentials", "client_credentials grant, client_secret_basic, Bearer", 1,
                    "LoginCryptoBenchmark.mintAccessToken"),
            new ScenarioSpec("introspection", "introspection of an access token, client_secret_basic", 1,
                    "LoginCryptoBenchmark.verifyAccessToken"),
            new ScenarioSpec("check", "validity check of one certificate", 1),
            new ScenarioSpec("check-batch100", "validity check of 100 certificates", 1, "CheckPathBenchmark.check[body=batch100]"),
            new ScenarioSpec("check-batch1000", "validity check of 1,000 certificates", 1, "CheckPathBenchmark.check[body=batch1000]"),
            new ScenarioSpec("check-serials1000", "validity check of 1,000 issuer key id + serial pairs", 1,
                    "CheckPathBenchmark.check[body=serials1000]"),
            new ScenarioSpec("ocsp", "OCSP request answered from the cache, signed by the responder", 1),
            new ScenarioSpec("consent-invitations", "invitation batch (100 customers) of the consent API", 1),
            new ScenarioSpec("consent-sign", "a person's consent: invitation page → signing → signer API → continue", 5,
                    "LoginCryptoBenchmark.verifyCardSignature"),
            new ScenarioSpec("consent-withdraw", "a person's withdrawal: dashboard → account login (card) → withdraw → card"
                    + " signs → continue", 11, "LoginCryptoBenchmark.verifyCardSignature", "LoginCryptoBenchmark.verifyCardSignature"),
            new ScenarioSpec("feed", "4-information change pushed to the business's receiver (RFC 8935); one operation is one"
                    + " event delivered, changes put into the outbox by the load generator", 0),
            new ScenarioSpec("feed-poll", "4-information change polled by the business (RFC 8936, up to 500 a poll, acknowledged"
                    + " with the next); one operation is one event delivered", 0));

    static Optional<ScenarioSpec> named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    /** How the floor is made, in words. */
    String floorFormula() {
        List<String> parts = new ArrayList<>();
        if (requests > 0) {
            parts.add(requests == 1 ? "HTTP floor" : requests + " × HTTP floor");
        }
        for (String b : benchmarks) {
            parts.add(b);
        }
        return parts.isEmpty() ? "none" : String.join(" + ", parts);
    }

    /** The targets for this scenario, against its summary and floor. */
    List<Target> targets(JsonObject summary, Optional<Double> floorMillis, Floors floors) {
        double cpu = Optional.ofNullable(summary.getDouble("cpuMillisPerOperation")).orElse(Double.NaN);
        double perCpuSecond = 1000 / cpu;
        List<Target> out = new ArrayList<>();
        switch (name) {
            case "login", "login-100" -> {
                out.add(Target.check("server CPU per login ≤ 1.5 ms", cpu, " ms", cpu <= 1.5));
                out.add(floorMillis.map(f -> Target.check("≤ 1.5 × its crypto floor", cpu / f, "×", cpu / f <= 1.5))
                        .orElse(Target.unmeasured("≤ 1.5 × its crypto floor", "no floor in this run")));
                double rate = summary.getDouble("throughputPerSecond");
                double p99 = summary.getJsonObject("latencyMillis").getDouble("p99");
                out.add(new Target("p99 < 50 ms at 300 logins/s", Target.format(p99) + " ms at "
                        + Target.format(rate) + " logins/s", rate >= 297 && p99 < 50));
            }
            case "client-credentials" -> out.add(Target.check("≥ 3,000 grants per server-CPU-second", perCpuSecond, "",
                    perCpuSecond >= 3000));
            case "introspection" -> out.add(Target.check("≥ 10,000 introspections per server-CPU-second", perCpuSecond, "",
                    perCpuSecond >= 10_000));
            case "check" -> out.add(floors.httpMillis().map(h -> Target.check("server CPU per check ≤ 1.3 × the trivial"
                    + " endpoint's", cpu / h, "×", cpu / h <= 1.3)).orElse(Target.unmeasured("≤ 1.3 × the trivial endpoint's",
                    "no HTTP floor in this run")));
            case "check-batch100", "check-batch1000", "check-serials1000" -> {
                double certificates = summary.getInteger("itemsPerOperation") * perCpuSecond;
                out.add(Target.check("≥ 1,000,000 batched certificates per server-CPU-second", certificates, "",
                        certificates >= 1_000_000));
            }
            case "feed", "feed-poll" -> {
                double events = summary.getLong("events", 0L) / Math.max(summary.getDouble("windowSeconds"), 1e-9);
                out.add(Target.check("≥ 5,000 events per second delivered", events, "/s", events >= 5000));
                long expected = summary.getLong("expectedEvents", 0L);
                long delivered = summary.getLong("delivered", 0L);
                // Enqueues the outbox refused or never answered were never acknowledged: the load generator's, not lost.
                out.add(new Target("nothing lost", delivered + " of the " + expected + " changes the outbox took, delivered ("
                        + summary.getLong("duplicates", 0L) + " twice; " + summary.getLong("enqueueFailures", 0L)
                        + " enqueues failed in the load generator)", expected > 0 && delivered == expected));
            }
            default -> {
            }
        }
        return out;
    }
}
