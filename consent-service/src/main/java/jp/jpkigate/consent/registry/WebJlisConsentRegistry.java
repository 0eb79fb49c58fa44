package jp.jpkigate.consent.registry;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link JlisConsentRegistry} over HTTP with a Vert.x {@link WebClient} (non-blocking; every request with
 * the given timeout). 2xx answers are read strictly; a problem document ({@code application/problem+json},
 * type {@code urn:…:<slug>}) becomes a refusal for 4xx other than 408 and 429, everything else (5xx,
 * 408, 429, no answer, timeout, an answer that cannot be read) is {@code UNAVAILABLE}.
 */
public final class WebJlisConsentRegistry implements JlisConsentRegistry {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final WebClient client;
    private final String base;
    private final long timeoutMillis;

    /** @param base J-LIS's base URL, e.g. {@code http://127.0.0.1:8443} (the routes are {@code /jlis/...} under it) */
    public WebJlisConsentRegistry(WebClient client, String base, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.base = Objects.requireNonNull(base, "base").replaceAll("/+$", "");
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    @Override
    public Future<Recorded> register(Registration r) {
        JsonObject body = signed(r.signed()).put("consent_id", r.consentId()).put("business_id", r.businessId())
                .put("business_name", r.businessName()).put("items", new JsonArray(r.items()));
        return call(client.postAbs(base + "/jlis/consents"), body, WebJlisConsentRegistry::recorded);
    }

    @Override
    public Future<Recorded> withdraw(String registryId, Signed withdrawal) {
        return call(client.postAbs(base + "/jlis/consents/" + encode(registryId) + "/withdrawal"), signed(withdrawal),
                WebJlisConsentRegistry::recorded);
    }

    @Override
    public Future<Recorded> find(String registryId) {
        return call(client.getAbs(base + "/jlis/consents/" + encode(registryId)), null, WebJlisConsentRegistry::recorded);
    }

    @Override
    public Future<ChangePage> changes(String businessId, String after, int limit) {
        return call(client.getAbs(base + "/jlis/consents?business_id=" + encode(businessId) + "&after=" + encode(after)
                + "&limit=" + limit), null, WebJlisConsentRegistry::changePage);
    }

    private static JsonObject signed(Signed s) {
        return new JsonObject().put("statement", B64URL.encodeToString(s.statement()))
                .put("signature", B64.encodeToString(s.signature())).put("certificate", B64.encodeToString(s.certificate()));
    }

    private <T> Future<T> call(HttpRequest<Buffer> request, JsonObject body, Function<JsonObject, T> read) {
        request.timeout(timeoutMillis).putHeader("Accept", "application/json");
        Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
        return sent.transform(ar -> {
            if (ar.failed()) {
                return Future.failedFuture(JlisException.unavailable("J-LIS did not answer: " + ar.cause().getClass().getSimpleName()));
            }
            HttpResponse<Buffer> response = ar.result();
            int status = response.statusCode();
            if (status / 100 == 2) {
                try {
                    return Future.succeededFuture(read.apply(response.bodyAsJsonObject()));
                } catch (RuntimeException e) {
                    return Future.failedFuture(JlisException.unavailable("J-LIS answered " + status + " with an unreadable body"));
                }
            }
            boolean refused = status / 100 == 4 && status != 408 && status != 429;
            return Future.failedFuture(new JlisException(refused ? JlisException.Kind.REFUSED : JlisException.Kind.UNAVAILABLE,
                    status, problemType(response), "J-LIS answered " + status));
        });
    }

    /** The type slug of a J-LIS problem answer ({@code urn:…:<slug>}), empty when the body is not one. */
    public static String problemType(HttpResponse<Buffer> response) {
        try {
            String type = response.bodyAsJsonObject().getString("type", "");
            return type.substring(type.lastIndexOf(':') + 1);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static Recorded recorded(JsonObject j) {
        return new Recorded(required(j, "registry_id"), required(j, "consent_id"), required(j, "business_id"),
                required(j, "status"), Instant.parse(required(j, "recorded_at")), LocalDate.parse(required(j, "valid_until")),
                Optional.ofNullable(j.getString("withdrawn_at")).map(Instant::parse), Optional.ofNullable(j.getString("withdrawn_by")));
    }

    private static ChangePage changePage(JsonObject j) {
        List<Change> changes = new ArrayList<>();
        for (Object item : Objects.requireNonNull(j.getJsonArray("changes"), "changes")) {
            JsonObject c = (JsonObject) item;
            changes.add(new Change(required(c, "cursor"), required(c, "registry_id"), required(c, "consent_id"),
                    required(c, "business_id"), required(c, "status"), Instant.parse(required(c, "at")),
                    Optional.ofNullable(c.getString("withdrawn_by"))));
        }
        return new ChangePage(changes, required(j, "next"));
    }

    private static String required(JsonObject j, String name) {
        return Objects.requireNonNull(j.getString(name), name);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
