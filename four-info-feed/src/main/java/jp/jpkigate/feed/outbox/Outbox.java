package jp.jpkigate.feed.outbox;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable outbox of the 4-information feed: SETs waiting for their business, delivered
 * at-least-once and in order per ordering key (the consent), deleted once acknowledged.
 *
 * <p>Contract:
 * <ul>
 * <li><b>Durable.</b> A future that completes means the change is in the store (with AOF and
 *     {@code appendfsync always}, on disk); nothing else keeps delivery state, so a consumer that
 *     dies loses nothing.</li>
 * <li><b>In order per consent.</b> Of each consent's events only the oldest undelivered one (its
 *     <em>head</em>) is ever ready for delivery; the next one becomes ready only when the head is
 *     acknowledged, given up ({@link Settlement.GiveUp}) or dropped. So event n+1 of a consent is
 *     never handed out before event n is settled, and a {@link Claim} holds at most one event per
 *     consent.</li>
 * <li><b>At-least-once.</b> A claimed event belongs to its consumer until {@code inFlightUntil};
 *     after that any consumer's {@link #claim} takes it over (the owner crashed or hung). An event
 *     may therefore be delivered twice, always with the same jti and bytes.</li>
 * <li><b>Idempotent enqueue.</b> A jti seen by this business within the dedupe window is not
 *     enqueued again, even after it was delivered and deleted.</li>
 * <li><b>Time</b> (in-flight deadlines, retry times, dead-letter times) is the implementation's
 *     injected clock, so replicas need roughly synchronised clocks and tests advance one.</li>
 * </ul>
 */
public interface Outbox {
    /** Adds the event behind the others of its consent; true if new, false if its jti was seen already. */
    Future<Boolean> enqueue(OutboxEvent event);

    /** {@link #enqueue} for many events, pipelined; the answers in the same order. */
    Future<List<Boolean>> enqueueAll(List<OutboxEvent> events);

    /**
     * Hands up to {@code max} ready events of the business to {@code consumer}: first those whose
     * previous owner's time ran out, then new ones; each is then in flight for {@code consumer} for
     * {@code inFlight} (after that another claim may take it over).
     */
    Future<Claim> claim(String clientId, String consumer, int max, Duration inFlight);

    /** Applies the settlements of one business, pipelined; the results in the same order. */
    Future<List<Settlement.Result>> settle(String clientId, List<Settlement> settlements);

    /** Makes up to {@code max} events whose retry time has come ready again; how many. */
    Future<Integer> releaseDueRetries(String clientId, int max);

    /** The earliest scheduled retry of the business, if any. */
    Future<Optional<Instant>> nextRetry(String clientId);

    /**
     * A withdrawal: deletes every undelivered event of the consent — queued, in flight, waiting for
     * a retry or dead-lettered — so none is handed out from now on; how many. An in-flight
     * delivery's later settlement changes nothing. Events enqueued afterwards (the withdrawal event
     * itself) are delivered normally.
     */
    Future<Integer> dropConsent(String clientId, String consentId);

    /** Dead letters of the business after position {@code after} ({@code "0"} for the first), oldest first. */
    Future<List<DeadLetter>> deadLetters(String clientId, String after, int count);

    /** Puts a dead letter back behind the events of its consent, with a fresh retry budget; false if unknown. */
    Future<Boolean> requeue(String clientId, String jti);

    /** Events of the business not yet delivered (dead letters not counted). */
    Future<Long> depth(String clientId);

    /** Dead letters of the business. */
    Future<Long> deadLetterCount(String clientId);

    /** Every business that has had an outbox. */
    Future<Set<String>> businesses();
}
