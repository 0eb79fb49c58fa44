package jp.jpkigate.idp.limit;

/**
 * A token bucket's shape: {@code perMinute} requests a minute on average, up to {@code burst} at
 * once. {@link #OFF} (0 a minute) admits everything.
 *
 * @param perMinute the refill rate, 0 (off) to 1,000,000
 * @param burst     the bucket's size, 1 to 1,000,000 (ignored when off)
 */
public record RateLimitOptions(int perMinute, int burst) {
    public static final RateLimitOptions OFF = new RateLimitOptions(0, 1);

    public RateLimitOptions {
        if (perMinute < 0 || perMinute > 1_000_000 || burst < 1 || burst > 1_000_000) {
            throw new IllegalArgumentException("rate limit: 0-1,000,000 a minute and a burst of 1-1,000,000");
        }
    }

    public boolean isOff() {
        return perMinute == 0;
    }
}
