package jp.jpkigate.gateway.config;

import java.time.Duration;
import jp.jpkigate.idp.limit.RateLimitOptions;

/**
 * The listener's defences against slow and greedy clients.
 *
 * @param requestHead    how long a connection may take to send a request head, from its opening or
 *                       the end of its last response (slow-header attacks; idle keep-alive connections)
 * @param requestBody    how long a request may take to send its body after the head (408 beyond)
 * @param clientRequests each authenticated client's token bucket at {@code /par} and {@code /token},
 *                       per replica
 */
public record LimitSettings(Duration requestHead, Duration requestBody, RateLimitOptions clientRequests) {
    /** 10 s for a head, 30 s for a body, 12,000 requests a minute per client with bursts of 400. */
    public static final LimitSettings DEFAULTS = new LimitSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            new RateLimitOptions(12_000, 400));

    /** From {@code limits.*}. */
    static LimitSettings read(RawSettings raw) {
        Integer head = raw.integer("limits.requestHeadSeconds", 1, 300, (int) DEFAULTS.requestHead.toSeconds());
        Integer body = raw.integer("limits.requestBodySeconds", 1, 600, (int) DEFAULTS.requestBody.toSeconds());
        Integer perMinute = raw.integer("limits.clientRequestsPerMinute", 0, 1_000_000,
                DEFAULTS.clientRequests.perMinute());
        Integer burst = raw.integer("limits.clientRequestBurst", 1, 1_000_000, DEFAULTS.clientRequests.burst());
        return head == null || body == null || perMinute == null || burst == null ? null
                : new LimitSettings(Duration.ofSeconds(head), Duration.ofSeconds(body), new RateLimitOptions(perMinute, burst));
    }

    String describe() {
        return "request head " + requestHead.toSeconds() + " s, body " + requestBody.toSeconds() + " s; "
                + (clientRequests.isOff() ? "no per-client rate limit"
                : clientRequests.perMinute() + "/min per client at /par and /token (burst " + clientRequests.burst()
                        + ", per replica)");
    }
}
