package jp.jpkigate.idp.limit;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import jp.jpkigate.idp.client.RegisteredClient;

/**
 * The per-client limit of {@code /token} and {@code /par}: a token bucket per authenticated client
 * ({@link TokenBuckets}). It counts only requests whose client authenticated, so nobody can use up
 * another client's allowance by naming its {@code client_id}. One instance per process, shared by
 * its event loops; each replica counts on its own (the limit a client sees is per replica).
 */
public final class ClientRateLimit {
    /** Admits everything. */
    public static final ClientRateLimit NONE = new ClientRateLimit(RateLimitOptions.OFF, Clock.systemUTC());

    private final TokenBuckets buckets;

    public ClientRateLimit(RateLimitOptions options, Clock clock) {
        this.buckets = new TokenBuckets(Objects.requireNonNull(options, "options"), clock);
    }

    /** The client, or a {@link RateLimitedException} when its bucket is empty. */
    public Future<RegisteredClient> admit(RegisteredClient client) {
        return buckets.tryTake(client.clientId())
                .<Future<RegisteredClient>>map(wait -> Future.failedFuture(new RateLimitedException(wait)))
                .orElseGet(() -> Future.succeededFuture(client));
    }
}
