package jp.jpkigate.revocation.ocsp;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import jp.jpkigate.revocation.service.IssuerKey;

/**
 * Verified OCSP answers, kept until their nextUpdate (RFC 5019 section 6.1: a response "will not be
 * refreshed before nextUpdate"), so a burst of checks of one certificate costs one request. An
 * answer without nextUpdate is not kept (RFC 6960 section 4.2.2.1: newer information is always
 * available). Failed queries are not kept either.
 *
 * <p>Time comes from the injected clock through a Caffeine {@link Ticker}; Caffeine's maintenance
 * and completions run on the Vert.x context, and callers get Vert.x futures back on it.
 */
public final class OcspAnswerCache {
    /** A certificate by issuer key and serial. */
    public record Key(IssuerKey issuer, BigInteger serial) {
        public Key {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(serial, "serial");
        }
    }

    /**
     * A finished query: an answer, or the failure (kept for no time at all, but delivered to every
     * caller that shared the query without Caffeine logging it as a failed load).
     */
    private record Loaded(OcspAnswer answer, Throwable failure) {
    }

    private final Context context;
    private final AsyncCache<Key, Loaded> cache;

    public OcspAnswerCache(Context context, Clock clock, long maximumSize) {
        this.context = Objects.requireNonNull(context, "context");
        Ticker ticker = () -> nanos(clock.instant());
        this.cache = Caffeine.newBuilder()
                .executor(command -> context.runOnContext(v -> command.run()))
                .ticker(ticker)
                .maximumSize(maximumSize)
                .expireAfter(new UntilNextUpdate())
                .buildAsync();
    }

    /** The cached answer, if one is held and not past its nextUpdate. */
    public Optional<Future<OcspAnswer>> cached(Key key) {
        CompletableFuture<Loaded> hit = cache.getIfPresent(key);
        return Optional.ofNullable(hit).map(this::unwrap);
    }

    /** The cached answer, or the loader's (shared by concurrent callers for the same key). */
    public Future<OcspAnswer> get(Key key, Supplier<Future<OcspAnswer>> loader) {
        CompletableFuture<Loaded> loaded = cache.get(key, (k, executor) -> loader.get()
                .transform(ar -> Future.succeededFuture(new Loaded(ar.result(), ar.cause())))
                .toCompletionStage().toCompletableFuture());
        return unwrap(loaded);
    }

    private Future<OcspAnswer> unwrap(CompletableFuture<Loaded> loaded) {
        return Future.fromCompletionStage(loaded, context)
                .compose(l -> l.failure() == null ? Future.succeededFuture(l.answer()) : Future.failedFuture(l.failure()));
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** Expires each answer at its nextUpdate, on the ticker's (the clock's) time line. */
    private static final class UntilNextUpdate implements Expiry<Key, Loaded> {
        @Override
        public long expireAfterCreate(Key key, Loaded loaded, long currentTime) {
            OcspAnswer answer = loaded.answer();
            return answer == null || answer.nextUpdate() == null ? 0
                    : Math.max(0, nanos(answer.nextUpdate()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(Key key, Loaded loaded, long currentTime, long currentDuration) {
            return expireAfterCreate(key, loaded, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, Loaded loaded, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
