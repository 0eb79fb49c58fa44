package jp.jpkigate.idp.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import jp.jpkigate.idp.logout.LogoutTokenSender;

/**
 * {@link LogoutTokenSender} with the Vert.x web client (non-blocking): a form POST that follows no
 * redirect (a 307 would replay the token elsewhere), whose answer body is discarded unread, and
 * Vert.x timers between attempts. One client for the life of the Vert.x instance.
 */
public final class WebLogoutTokenSender implements LogoutTokenSender {
    private final Vertx vertx;
    private final WebClient web;

    public WebLogoutTokenSender(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.web = WebClient.create(vertx, new WebClientOptions().setUserAgent("jpkigate-op").setFollowRedirects(false));
    }

    @Override
    public Future<Integer> post(URI uri, String logoutToken, Duration timeout) {
        return web.postAbs(uri.toString()).timeout(Math.max(1, timeout.toMillis()))
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .as(BodyCodec.none())
                .sendBuffer(Buffer.buffer("logout_token=" + logoutToken))
                .map(HttpResponse::statusCode);
    }

    @Override
    public Future<Void> pause(Duration delay) {
        return vertx.timer(Math.max(1, delay.toMillis())).mapEmpty();
    }
}
