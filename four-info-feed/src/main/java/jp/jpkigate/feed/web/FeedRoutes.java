package jp.jpkigate.feed.web;

import io.vertx.ext.web.Router;
import jp.jpkigate.feed.metrics.InProcessFeedMetrics;
import jp.jpkigate.feed.outbox.Outbox;
import jp.jpkigate.feed.poll.PollService;
import jp.jpkigate.feed.push.FeedDestinations;

/**
 * The feed's HTTP routes:
 * <pre>
 * POST /feed/v1/poll   RFC 8936 poll delivery ({@link PollEndpoint}); access token with scope feed:read
 * GET  /feed/metrics   Prometheus text ({@link MetricsEndpoint}); mount it on the internal listener only
 * </pre>
 * Other methods on these paths: 405.
 */
public final class FeedRoutes {
    public static final String POLL_PATH = "/feed/v1/poll";
    public static final String METRICS_PATH = "/feed/metrics";
    /** Largest poll request body: a thousand acknowledged jtis with room to spare. */
    public static final int MAX_POLL_BODY_BYTES = 256 * 1024;

    private FeedRoutes() {
    }

    /** Adds the poll route. */
    public static Router addPoll(Router router, PollService poll, PollAccess access, FeedDestinations destinations) {
        router.post(POLL_PATH).handler(new PollEndpoint(poll, access, destinations, MAX_POLL_BODY_BYTES));
        router.route(POLL_PATH).handler(ctx -> ctx.fail(405));
        return router;
    }

    /** Adds the metrics route. */
    public static Router addMetrics(Router router, InProcessFeedMetrics metrics, Outbox outbox) {
        router.get(METRICS_PATH).handler(new MetricsEndpoint(metrics, outbox));
        router.route(METRICS_PATH).handler(ctx -> ctx.fail(405));
        return router;
    }
}
