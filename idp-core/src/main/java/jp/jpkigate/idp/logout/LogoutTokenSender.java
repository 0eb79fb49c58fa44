package jp.jpkigate.idp.logout;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Duration;

/**
 * The HTTP side of back-channel logout, owned by {@link BackChannelLogout} (implemented with the
 * Vert.x web client, never blocking).
 */
public interface LogoutTokenSender {
    /**
     * POSTs {@code logout_token=<token>} ({@code application/x-www-form-urlencoded}) to {@code uri},
     * following no redirect; the answer's status, or a failure (network, {@code timeout}).
     */
    Future<Integer> post(URI uri, String logoutToken, Duration timeout);

    /** Completes after {@code delay} (a timer, not a sleep). */
    Future<Void> pause(Duration delay);
}
