package jp.jpkigate.gateway.config;

import java.time.Duration;
import jp.jpkigate.idp.limit.RateLimitOptions;

/**
 * The listener's defences against slow and greedy clients.
 *
 * @param requestHead    how long a new connection may take to send its first request head (slow-header attacks)
 * @param keepAlive      how long a connection may wait after a response until the next request head is
 *                       complete (idle keep-alive connections; longer than a proxy's upstream idle timeout)
 * @param requestBody    how long a request may take to send its body after the head (408 beyond)
 * @param clientRequests each authenticated client's token bucket at {@code /par} and {@code /token},
 *                       per replica
 */
public record LimitSettings(Duration requestHead, Duration keepAlive, Duration requestBody,
                            RateLimitOptions clientRequests) {
    /** 10 s for a first head, 75 s between requests, 30 s for a body, 12,000 requests a minute per client, bursts of 400. */
    public static final LimitSettings DEFAULTS = new LimitSettings(Duration.ofSeconds(10), Duration.ofSeconds(75),
            Duration.ofSeconds(30), new RateLimitOptions(12_000, 400));

    /** From {@code limits.*}. */
    static LimitSettings read(RawSettings raw) {
        Integer head = raw.integer("limits.requestHeadSeconds", 1, 300, (int) DEFAULTS.requestHead.toSeconds());
        Integer keepAlive = raw.integer("limits.keepAliveSeconds", 1, 3600, (int) DEFAULTS.keepAlive.toSeconds());
        Integer body = raw.integer("limits.requestBodySeconds", 1, 600, (int) DEFAULTS.requestBody.toSeconds());
        Integer perMinute = raw.integer("limits.clientRequestsPerMinute", 0, 1_000_000,
                DEFAULTS.clientRequests.perMinute());
        Integer burst = raw.integer("limits.clientRequestBurst", 1, 1_000_000, DEFAULTS.clientRequests.burst());
        return head == null || keepAlive == null || body == null || perMinute == null || burst == null ? null
                : new LimitSettings(Duration.ofSeconds(head), Duration.ofSeconds(keepAlive), Duration.ofSeconds(body),
                        new RateLimitOptions(perMinute, burst));
    }

    String describe() {
        return "first request head " + requestHead.toSeconds() + " s, keep-alive " + keepAlive.toSeconds() + " s, body "
                + requestBody.toSeconds() + " s; "
                + (clientRequests.isOff() ? "no per-client rate limit"
                : clientRequests.perMinute() + "/min per client at /par and /token (burst " + clientRequests.burst()
                        + ", per replica)");
    }
}
