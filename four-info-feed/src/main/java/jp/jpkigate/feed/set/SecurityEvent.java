package jp.jpkigate.feed.set;

import java.time.Instant;
import java.util.Map;

/**
 * One event of the feed, as a SET carries it: the consent it concerns (the SET's {@code sub_id},
 * RFC 9493 format {@code opaque}), the business's customer number, when it happened (the SET's
 * {@code toe}) and a type-specific payload under {@link #type()} in {@code events}.
 */
public sealed interface SecurityEvent permits FourInformationChanged, ConsentWithdrawn {
    /** The consent's id: the business knows it from the consent API; never the person's {@code sub}. */
    String consentId();

    /** The business's number for its customer (consent-service's {@code CustomerNumber}). */
    String customerNumber();

    /** Time of event: the SET's {@code toe}. */
    Instant occurredAt();

    /** The event type URI ({@link EventTypes}). */
    String type();

    /** The event's JSON payload (the value of its member in {@code events}). */
    Map<String, Object> payload();
}
