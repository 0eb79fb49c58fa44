package jp.jpkigate.feed.push;

/** What one {@link PushDelivery#runOnce()} did, over all businesses. */
public record PushRun(int delivered, int retried, int deadLettered) {
    static final PushRun NOTHING = new PushRun(0, 0, 0);

    PushRun plus(PushRun other) {
        return new PushRun(delivered + other.delivered, retried + other.retried, deadLettered + other.deadLettered);
    }
}
