package jp.jpkigate.feed.poll;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import jp.jpkigate.feed.metrics.FeedMetrics;
import jp.jpkigate.feed.outbox.Claim;
import jp.jpkigate.feed.outbox.ClaimedEvent;
import jp.jpkigate.feed.outbox.Outbox;
import jp.jpkigate.feed.outbox.Settlement;

/**
 * RFC 8936 poll delivery, without HTTP types: a request's acknowledgements (§2.4.2: the SET is
 * deleted) and errors (§2.4.3: the SET goes to the dead-letter list) are applied first, then up to
 * {@code maxEvents} ready SETs of the business are handed out (at most one per consent, so a
 * customer's next SET comes in a later poll, once this one is acknowledged). A SET not acknowledged
 * within {@link PollOptions#ackTimeout()} is handed out again.
 *
 * <p>Long polling (§2.4.1, {@code returnImmediately: false}): with nothing to send, the outbox is
 * looked at again every {@link PollOptions#recheckEvery()} on a Vert.x timer (the event loop is
 * never held) until {@link PollOptions#longPollWait()} has passed, then the answer is empty. The
 * wait is counted in timer rounds, not by the injected clock, so it ends in real time; a request
 * whose caller went away stops waiting at the next round.
 */
public final class PollService {
    private final Vertx vertx;
    private final Outbox outbox;
    private final FeedMetrics metrics;
    private final PollOptions options;
    private final Clock clock;
    private final String replicaId;

    /** @param replicaId this replica: the consumer name in the outbox */
    public PollService(Vertx vertx, Outbox outbox, FeedMetrics metrics, PollOptions options, Clock clock, String replicaId) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.options = Objects.requireNonNull(options, "options").validate();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replicaId = Objects.requireNonNull(replicaId, "replicaId");
    }

    /**
     * Serves one poll of {@code clientId} (already authorised for it).
     *
     * @param gone true once the caller has gone away: a long poll stops waiting
     */
    public Future<PollResponse> poll(String clientId, PollRequest request, BooleanSupplier gone) {
        int max = Math.min(request.maxEvents().orElse(options.defaultMaxEvents()), options.maxEvents());
        return settle(clientId, request).compose(v -> {
            if (max == 0) {
                return outbox.depth(clientId).map(depth -> new PollResponse(Map.of(), depth > 0));
            }
            long rounds = request.returnImmediately() ? 0
                    : options.longPollWait().toMillis() / Math.max(1, options.recheckEvery().toMillis());
            return claim(clientId, max, rounds, gone);
        });
    }

    private Future<Void> settle(String clientId, PollRequest request) {
        List<Settlement> settlements = new ArrayList<>();
        request.acks().forEach(jti -> settlements.add(new Settlement.Acknowledge(jti)));
        request.setErrs().forEach((jti, error) -> settlements.add(new Settlement.GiveUp(jti, Optional.empty(), error)));
        if (settlements.isEmpty()) {
            return Future.succeededFuture();
        }
        return outbox.settle(clientId, settlements).map(results -> {
            Instant now = clock.instant();
            for (int i = 0; i < results.size(); i++) {
                Settlement.Result result = results.get(i);
                if (result.applied() && settlements.get(i) instanceof Settlement.Acknowledge) {
                    metrics.delivered(clientId, Duration.between(result.createdAt().orElse(now), now));
                } else if (result.applied()) {
                    metrics.deadLettered(clientId);
                }
            }
            return null;
        });
    }

    private Future<PollResponse> claim(String clientId, int max, long roundsLeft, BooleanSupplier gone) {
        return outbox.claim(clientId, replicaId, max, options.ackTimeout()).compose(claim -> {
            if (!claim.events().isEmpty() || roundsLeft <= 0 || gone.getAsBoolean()) {
                return Future.succeededFuture(answer(claim));
            }
            return vertx.timer(options.recheckEvery().toMillis())
                    .compose(t -> gone.getAsBoolean() ? Future.succeededFuture(answer(Claim.empty()))
                            : claim(clientId, max, roundsLeft - 1, gone));
        });
    }

    private static PollResponse answer(Claim claim) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (ClaimedEvent e : claim.events()) {
            sets.put(e.jti(), e.event().jwe());
        }
        return new PollResponse(sets, claim.moreAvailable());
    }
}
