package jp.jpkigate.feed.outbox;

import java.util.List;

/**
 * The events one {@link Outbox#claim} handed out, at most one per ordering key, and whether more
 * were ready for delivery beyond them.
 */
public record Claim(List<ClaimedEvent> events, boolean moreAvailable) {
    public Claim {
        events = List.copyOf(events);
    }

    public static Claim empty() {
        return new Claim(List.of(), false);
    }
}
