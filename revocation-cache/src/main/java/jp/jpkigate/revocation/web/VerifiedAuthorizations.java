package jp.jpkigate.revocation.web;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Authorization header values that authenticated a client, so that a business sending the same
 * header on every request is not base64-decoded, URL-decoded and SHA-256 hashed each time (a few
 * microseconds a request). A bounded, direct-mapped table of {@link #SIZE} slots: the slot is chosen
 * by a hash of the header seeded with a per-process random value (so which headers share a slot
 * cannot be planned from outside), a newer header simply replaces an older one in its slot, and a
 * hit is confirmed by comparing the whole header in constant time. Only successes are kept: an
 * unknown or wrong header always takes the full path, and the set of clients never changes for one
 * {@link RevocationApiClients}, so an entry never goes stale. Entries are immutable; the table is
 * safe to share between event loops.
 */
final class VerifiedAuthorizations {
    static final int SIZE = 256;
    /** Longer headers are not kept (a real Basic header is well under this). */
    static final int MAX_HEADER = 1024;

    private record Entry(String header, ApiClientId client) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SIZE);
    private final long seed = new SecureRandom().nextLong() | 1;

    /** The client {@code header} authenticated before, or null. */
    ApiClientId get(String header) {
        if (header == null || header.length() > MAX_HEADER) {
            return null;
        }
        Entry entry = slots.getPlain(slot(header));
        return entry != null && constantTimeEquals(entry.header(), header) ? entry.client() : null;
    }

    /** Remembers that {@code header} authenticated {@code client}. */
    void put(String header, ApiClientId client) {
        if (header != null && header.length() <= MAX_HEADER) {
            slots.setRelease(slot(header), new Entry(header, client));
        }
    }

    private int slot(String header) {
        long h = seed;
        for (int i = 0; i < header.length(); i++) {
            h = (h ^ header.charAt(i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        h ^= seed >>> 17;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return (int) h & (SIZE - 1);
    }

    /** Equal lengths are compared in full, whatever the first difference. */
    static boolean constantTimeEquals(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < a.length(); i++) {
            difference |= a.charAt(i) ^ b.charAt(i);
        }
        return difference == 0;
    }
}
