package jp.jpkigate.perf.feed;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What reached the business: every delivery, the distinct {@code jti}s (a second delivery of one is a
 * duplicate, allowed by at-least-once) and the distinct ones first delivered while the measurement
 * window was open ({@code inWindow}). Thread-safe.
 */
final class FeedCount {
    private final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final BooleanSupplier windowOpen;

    FeedCount(BooleanSupplier windowOpen) {
        this.windowOpen = windowOpen;
    }

    void delivered(String jti) {
        deliveries.incrementAndGet();
        if (distinct.add(jti) && windowOpen.getAsBoolean()) {
            inWindow.incrementAndGet();
        }
    }

    long distinct() {
        return distinct.size();
    }

    long duplicates() {
        return deliveries.get() - distinct.size();
    }

    long inWindow() {
        return inWindow.get();
    }
}
