package jp.jpkigate.feed.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link SetPoster} with the Vert.x web client (non-blocking): RFC 8935 §2.1
 * {@code POST} with {@code Content-Type: application/secevent+jwt} and
 * {@code Accept: application/json}, the compact JWE as the body; no redirect is followed (a 307
 * would hand the SET to another host); keep-alive connections, a pool per receiver host. One
 * poster for the life of the Vert.x instance.
 */
public final class WebSetPoster implements SetPoster {
    /** Longest error answer read; the rest is cut (an error JSON is small). */
    private static final int MAX_ERROR_BODY = 4096;

    private final WebClient web;

    /** @param connections HTTP connections per receiver host */
    public WebSetPoster(Vertx vertx, int connections) {
        Objects.requireNonNull(vertx, "vertx");
        this.web = WebClient.create(vertx, new WebClientOptions().setUserAgent("jpkigate-feed").setFollowRedirects(false)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
    }

    @Override
    public Future<PushAnswer> post(URI endpoint, String jwe, Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        return web.postAbs(endpoint.toString()).timeout(millis).connectTimeout(millis)
                .putHeader("Content-Type", "application/secevent+jwt")
                .putHeader("Accept", "application/json")
                .as(BodyCodec.buffer())
                .sendBuffer(Buffer.buffer(jwe))
                .map(response -> {
                    Buffer body = response.body();
                    String text = response.statusCode() != 400 || body == null ? ""
                            : body.getString(0, Math.min(body.length(), MAX_ERROR_BODY));
                    return PushAnswer.of(response.statusCode(), text, response.getHeader("Retry-After"));
                })
                .recover(failure -> Future.succeededFuture(PushAnswer.unreachable(failure)));
    }

    public void close() {
        web.close();
    }
}
