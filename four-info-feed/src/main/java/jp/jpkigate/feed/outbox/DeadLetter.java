package jp.jpkigate.feed.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * An event that will not be delivered unless re-queued: the receiver refused it, or its retries ran
 * out. The JWE stays in the outbox (so it can be re-queued) until re-queued, its consent is
 * withdrawn ({@link Outbox#dropConsent}) or it is discarded.
 *
 * @param id        the dead-letter list position (listing resumes after it)
 * @param jti       the event
 * @param consentId its consent
 * @param error     why
 * @param at        when it was given up
 */
public record DeadLetter(String id, String jti, String consentId, SetError error, Instant at) {
    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
    }
}
