package jp.jpkigate.feed.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How RFC 8936 polls are served.
 *
 * @param defaultMaxEvents SETs per answer when the request names no {@code maxEvents} (default 100)
 * @param maxEvents        SETs per answer at most, whatever the request asks (default 1000)
 * @param longPollWait     a long poll with nothing to send answers empty after this (default 20 s,
 *                         at most 60 s: under common load-balancer idle timeouts)
 * @param recheckEvery     a waiting long poll looks for new SETs this often (default 250 ms)
 * @param ackTimeout       a SET handed out and not acknowledged is handed out again after this (default 5 min)
 */
public record PollOptions(int defaultMaxEvents, int maxEvents, Duration longPollWait, Duration recheckEvery,
                          Duration ackTimeout) {
    public PollOptions {
        Objects.requireNonNull(longPollWait, "longPollWait");
        Objects.requireNonNull(recheckEvery, "recheckEvery");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
    }

    public static PollOptions defaults() {
        return new PollOptions(100, 1000, Duration.ofSeconds(20), Duration.ofMillis(250), Duration.ofMinutes(5));
    }

    public PollOptions withLongPoll(Duration wait, Duration recheck) {
        return new PollOptions(defaultMaxEvents, maxEvents, wait, recheck, ackTimeout);
    }

    /** This, if every value is usable; otherwise fails with all the mistakes at once. */
    public PollOptions validate() {
        List<String> mistakes = new ArrayList<>();
        if (maxEvents < 1 || maxEvents > 1000) {
            mistakes.add("maxEvents must be 1 to 1000");
        }
        if (defaultMaxEvents < 1 || defaultMaxEvents > maxEvents) {
            mistakes.add("defaultMaxEvents must be 1 to maxEvents");
        }
        if (longPollWait.isNegative() || longPollWait.compareTo(Duration.ofSeconds(60)) > 0) {
            mistakes.add("longPollWait must be 0 to 60 s");
        }
        if (recheckEvery.toMillis() < 10 || recheckEvery.compareTo(longPollWait) > 0 && !longPollWait.isZero()) {
            mistakes.add("recheckEvery must be at least 10 ms and at most longPollWait");
        }
        if (ackTimeout.toMillis() < 1000) {
            mistakes.add("ackTimeout must be at least 1 s");
        }
        if (!mistakes.isEmpty()) {
            throw new IllegalArgumentException("poll options: " + String.join("; ", mistakes));
        }
        return this;
    }
}
