package jp.jpkigate.perf.consent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business side of the consent API as the load tests use it: invitation batches for
 * {@code POST /consent/v1/invitations} with customer numbers unique to this run, and invitations made
 * before a run (outside the measurement) for the people who will sign them.
 */
final class ConsentApi {
    static final String PATH = "/consent/v1/invitations";
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
    private static final AtomicLong NEXT = new AtomicLong();

    private ConsentApi() {
    }

    /** A batch of {@code customers} new customer numbers asking for name and address. */
    static String batch(int customers) {
        JsonArray lines = new JsonArray();
        for (int i = 0; i < customers; i++) {
            lines.add(new JsonObject().put("customer_number", "P" + RUN + "-" + NEXT.incrementAndGet()));
        }
        return new JsonObject().put("purpose", "口座開設後の住所変更の確認 (load test)")
                .put("items", new JsonArray().add("name").add("address"))
                .put("customers", lines).encode();
    }

    /** The paths ({@code /consent/i/{token}}) of {@code count} new invitations, made now with {@code accessToken}. */
    static List<String> invitationPaths(String baseUrl, String accessToken, int count) throws IOException, InterruptedException {
        List<String> paths = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        while (paths.size() < count) {
            int batch = Math.min(1000, count - paths.size());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + PATH))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch(batch))).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("the invitations answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonArray invitations = new JsonObject(answer.body()).getJsonArray("invitations");
            for (int i = 0; i < invitations.size(); i++) {
                paths.add(URI.create(invitations.getJsonObject(i).getString("url")).getRawPath());
            }
        }
        return paths;
    }
}
