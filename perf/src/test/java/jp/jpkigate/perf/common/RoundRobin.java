package jp.jpkigate.perf.common;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A Gatling feeder that hands out {@code records} in turn, forever (thread-safe). */
public final class RoundRobin implements Iterator<Map<String, Object>> {
    private final List<Map<String, Object>> records;
    private final AtomicLong next = new AtomicLong();

    public RoundRobin(List<Map<String, Object>> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("nothing to feed");
        }
        this.records = List.copyOf(records);
    }

    /** One record per value, under {@code key}. */
    public static RoundRobin of(String key, List<?> values) {
        return new RoundRobin(values.stream().<Map<String, Object>>map(v -> Map.of(key, v)).toList());
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Map<String, Object> next() {
        return records.get((int) (next.getAndIncrement() % records.size()));
    }
}
