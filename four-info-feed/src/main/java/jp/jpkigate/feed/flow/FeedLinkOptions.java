package jp.jpkigate.feed.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How often and how much the feed's detection works. Immutable; {@link #defaults()} for production,
 * {@link #validate()} fails fast with every mistake at once.
 *
 * @param followEvery       consent change logs followed (a withdrawal stops delivery within about this)
 * @param detectEvery       revocation stream read
 * @param provisionEvery    due provision tasks run
 * @param statusCheckEvery  status check (現況確認) of every watched certificate
 * @param leaseTtl          the detection lease (the three frequent tasks share it; longer than each interval)
 * @param jlisTimeout       a J-LIS request's timeout
 * @param retryInitial      first wait after "no new certificate yet" or J-LIS unavailable (doubling, with jitter):
 *                          10 s by default, since J-LIS may answer a revocation a moment before the new
 *                          certificate it issued with it is visible
 * @param retryMax          longest wait between two asks
 * @param giveUpAfter       a revoked certificate without a new one after this long is given up
 * @param endedRetention    how long an ended consent's tombstone is kept
 * @param followPage        change log entries per business and tick
 * @param detectBatch       revocation stream entries per tick
 * @param provisionBatch    provision tasks per tick
 * @param statusPage        watched consents per status check page
 */
public record FeedLinkOptions(Duration followEvery, Duration detectEvery, Duration provisionEvery, Duration statusCheckEvery,
                              Duration leaseTtl, Duration jlisTimeout, Duration retryInitial, Duration retryMax,
                              Duration giveUpAfter, Duration endedRetention, int followPage, int detectBatch,
                              int provisionBatch, int statusPage) {
    public static FeedLinkOptions defaults() {
        return new FeedLinkOptions(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofDays(1),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofDays(1), Duration.ofDays(30),
                Duration.ofDays(400), 500, 500, 50, 500);
    }

    /** @throws IllegalArgumentException naming every value out of range */
    public FeedLinkOptions validate() {
        List<String> mistakes = new ArrayList<>();
        positive(mistakes, "followEvery", followEvery);
        positive(mistakes, "detectEvery", detectEvery);
        positive(mistakes, "provisionEvery", provisionEvery);
        positive(mistakes, "statusCheckEvery", statusCheckEvery);
        positive(mistakes, "jlisTimeout", jlisTimeout);
        positive(mistakes, "retryInitial", retryInitial);
        positive(mistakes, "giveUpAfter", giveUpAfter);
        positive(mistakes, "endedRetention", endedRetention);
        if (mistakes.isEmpty()) {
            Duration longest = max(max(followEvery, detectEvery), provisionEvery);
            if (leaseTtl == null || leaseTtl.compareTo(longest.multipliedBy(2)) < 0) {
                mistakes.add("leaseTtl must be at least twice the longest of followEvery, detectEvery, provisionEvery");
            }
            if (retryMax == null || retryMax.compareTo(retryInitial) < 0) {
                mistakes.add("retryMax must be at least retryInitial");
            }
        }
        for (int[] n : new int[][] {{followPage}, {detectBatch}, {provisionBatch}, {statusPage}}) {
            if (n[0] < 1 || n[0] > 10_000) {
                mistakes.add("page and batch sizes are 1 to 10000");
                break;
            }
        }
        if (!mistakes.isEmpty()) {
            throw new IllegalArgumentException("feed options: " + String.join("; ", mistakes));
        }
        return this;
    }

    private static void positive(List<String> mistakes, String name, Duration value) {
        if (value == null || value.toMillis() < 1) {
            mistakes.add(name + " must be at least 1 ms");
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A copy with another retry schedule for "no new certificate yet". */
    public FeedLinkOptions withRetry(Duration initial, Duration max, Duration giveUp) {
        return new FeedLinkOptions(followEvery, detectEvery, provisionEvery, statusCheckEvery, leaseTtl, jlisTimeout, initial, max,
                giveUp, endedRetention, followPage, detectBatch, provisionBatch, statusPage);
    }
}
