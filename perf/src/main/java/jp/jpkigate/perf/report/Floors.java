package jp.jpkigate.perf.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The floors of the run: JMH scores (microseconds per operation, single-threaded) by short name —
 * {@code LoginCryptoBenchmark.wholeLogin}, {@code CheckPathBenchmark.check[body=batch100]} — and the
 * HTTP floor (server CPU milliseconds per request of {@code TrivialEndpointServer} under the single
 * check's load). Each scenario's floor is a sum of these ({@link #sum}).
 */
final class Floors {
    /** The crypto of one login over HTTP: the card, two tokens, two client assertions, two DPoP proofs, the access token at userinfo. */
    static final String[] LOGIN_CRYPTO = {"LoginCryptoBenchmark.wholeLogin", "LoginCryptoBenchmark.verifyClientAssertion",
        "DpopProofBenchmark.tokenEndpointProof", "DpopProofBenchmark.resourceProof", "LoginCryptoBenchmark.verifyAccessToken"};

    private final Map<String, Double> micros = new LinkedHashMap<>();
    private final Optional<Double> httpMillis;

    Floors(JsonArray jmh, Optional<Double> httpMillis) {
        for (int i = 0; i < jmh.size(); i++) {
            JsonObject result = jmh.getJsonObject(i);
            String name = result.getString("benchmark").replaceAll("^.*\\.([A-Za-z0-9]+\\.[A-Za-z0-9]+)$", "$1");
            JsonObject params = result.getJsonObject("params");
            if (params != null && !params.isEmpty()) {
                StringBuilder suffix = new StringBuilder("[");
                params.forEach(p -> suffix.append(suffix.length() > 1 ? "," : "").append(p.getKey()).append('=').append(p.getValue()));
                name += suffix.append(']');
            }
            JsonObject metric = result.getJsonObject("primaryMetric");
            double score = metric.getDouble("score");
            micros.put(name, metric.getString("scoreUnit").startsWith("ns") ? score / 1000 : score);
        }
        this.httpMillis = httpMillis;
    }

    Map<String, Double> micros() {
        return micros;
    }

    Optional<Double> httpMillis() {
        return httpMillis;
    }

    /**
     * {@code requests} HTTP floors plus the JMH scores named, in milliseconds; empty when one is missing
     * (the run skipped it).
     */
    Optional<Double> sum(int requests, String... benchmarks) {
        if (requests == 0 && benchmarks.length == 0) {
            return Optional.empty(); // a scenario without a floor
        }
        double total = 0;
        if (requests > 0) {
            if (httpMillis.isEmpty()) {
                return Optional.empty();
            }
            total += requests * httpMillis.get();
        }
        for (String benchmark : benchmarks) {
            Double score = micros.get(benchmark);
            if (score == null) {
                return Optional.empty();
            }
            total += score / 1000;
        }
        return Optional.of(total);
    }
}
