/**
 * The feed's durable outbox: SETs wait here, per business, until the business has them.
 *
 * <h2>Order per customer: a head gate</h2>
 * Each consent's undelivered events form a queue; only its head is ever <em>released</em> into the
 * business's delivery stream, so a claim can never hand out event n+1 of a consent while event n
 * is unsettled, and any number of consumers (push lanes, replicas, concurrent polls) may work the
 * stream without coordinating. Acknowledging or giving up the head releases the next one in the
 * same atomic step; a failed attempt moves the head to the retry schedule and the consent waits
 * behind it; a withdrawal deletes the consent's queue, its released entry and its dead letters at
 * once. A re-queued dead letter goes behind the consent's newer events (each SET carries its own
 * event time).
 *
 * <h2>At-least-once: claims with deadlines</h2>
 * Claiming reads new stream entries for the consumer group and records, per entry, until when the
 * consumer owns it (the injected clock); an entry whose time ran out is taken over by the next
 * claim of any consumer ({@code XCLAIM}) — the clock-driven form of {@code XAUTOCLAIM}, so tests
 * advance a clock instead of waiting for Redis's idle time. A settlement names the release it is
 * about (the stream entry id), so the late answer of a consumer whose entry was taken over cannot
 * reschedule or dead-letter a newer attempt; acknowledging is accepted from anyone (the receiver has
 * the SET). Nothing is kept outside the store, so a consumer that dies loses nothing.
 *
 * <h2>What the producer must do</h2>
 * Enqueue only for consents in force: after {@link jp.jpkigate.feed.outbox.Outbox#dropConsent} the
 * outbox accepts events of the consent again (the withdrawal SET itself comes after the drop).
 */
package jp.jpkigate.feed.outbox;
