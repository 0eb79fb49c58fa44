package jp.jpkigate.perf.token;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jp.jpkigate.perf.login.LoginFixtures;

/**
 * The fixtures' bank back end ({@value LoginFixtures#BACKEND_CLIENT_ID}: {@code client_secret_basic},
 * {@code client_credentials} with the API scopes, Bearer tokens): its {@code Authorization} header, and
 * tokens fetched before a run starts (outside the measurement).
 */
public final class BackendClient {
    /** {@code Basic base64(id:secret)} (RFC 6749 §2.3.1: both form-encoded first; these need no escaping). */
    public static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (LoginFixtures.BACKEND_CLIENT_ID + ":" + LoginFixtures.BACKEND_SECRET).getBytes(StandardCharsets.UTF_8));

    private BackendClient() {
    }

    /** A {@code client_credentials} access token for {@code scope}, fetched now (blocking: call it before the run). */
    public static String accessToken(String baseUrl, String scope) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/token"))
                .header("Authorization", BASIC)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope.replace(" ", "+")))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("client_credentials answered " + answer.statusCode() + ": " + answer.body());
        }
        return new JsonObject(answer.body()).getString("access_token");
    }
}
