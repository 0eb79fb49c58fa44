package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import jp.jpkigate.consent.registry.JlisException;
import jp.jpkigate.consent.registry.WebJlisConsentRegistry;

/**
 * {@link FourInformationSource} over HTTP with a Vert.x {@link WebClient} (non-blocking, every request with the
 * timeout): {@code POST <base>/jlis/four-information {"registry_id", "certificate_serial", "issuer"}}. A 200 is
 * read by {@link ProvisionAnswers}; 403 {@code consent-not-in-force} is {@link ProvisionAnswer.NotInForce}; other
 * 4xx but 408 / 429 are refusals; the rest (5xx, 408, 429, no answer, timeout, an unreadable 200) unavailable.
 */
public final class WebFourInformationSource implements FourInformationSource {
    private static final String NOT_IN_FORCE = "consent-not-in-force";

    private final WebClient client;
    private final String url;
    private final long timeoutMillis;

    /** @param base J-LIS's base URL (the route is {@code /jlis/four-information} under it) */
    public WebFourInformationSource(WebClient client, String base, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.url = Objects.requireNonNull(base, "base").replaceAll("/+$", "") + "/jlis/four-information";
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    @Override
    public Future<ProvisionAnswer> latest(String registryId, String caId, BigInteger serial) {
        JsonObject body = new JsonObject().put("registry_id", registryId).put("certificate_serial", serial.toString(16))
                .put("issuer", caId);
        return client.postAbs(url).timeout(timeoutMillis).putHeader("Accept", "application/json").sendJsonObject(body)
                .transform(ar -> ar.failed()
                        ? Future.failedFuture(JlisException.unavailable("J-LIS did not answer: " + ar.cause().getClass().getSimpleName()))
                        : answer(ar.result()));
    }

    private static Future<ProvisionAnswer> answer(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 200) {
            try {
                return Future.succeededFuture(ProvisionAnswers.parse(response.bodyAsJsonObject()));
            } catch (RuntimeException e) {
                return Future.failedFuture(JlisException.unavailable("J-LIS answered 200 with an unreadable body"));
            }
        }
        String type = WebJlisConsentRegistry.problemType(response);
        if (status == 403 && type.equals(NOT_IN_FORCE)) {
            return Future.succeededFuture(new ProvisionAnswer.NotInForce());
        }
        boolean refused = status / 100 == 4 && status != 408 && status != 429;
        return Future.failedFuture(new JlisException(refused ? JlisException.Kind.REFUSED : JlisException.Kind.UNAVAILABLE,
                status, type, "J-LIS answered " + status));
    }
}
