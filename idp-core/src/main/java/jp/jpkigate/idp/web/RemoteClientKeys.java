package jp.jpkigate.idp.web;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import jp.jpkigate.idp.client.ClientKeys;
import jp.jpkigate.idp.client.FeedEncryptionKeys;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.oauth.OAuthError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClientKeys} that fetches a client's {@code jwks_uri} with the Vert.x {@link WebClient}
 * (never blocking), keeps the answer for {@code ttl}, and refetches early on an unknown {@code kid}
 * at most once per {@code minRefreshInterval}. A failed fetch is retried after the same interval;
 * until then the client's authentications fail with {@code invalid_client}. Inline {@code jwks}
 * are answered directly. Concurrent requests share one fetch. The same fetched set answers the
 * feed's {@link #encryptionKeys} (refetched, within the same interval, while it has no {@code enc}
 * key: the business may have just published one).
 *
 * <p>Limits: 5 s timeout, no redirects, 64 KiB at most, status 200 only; private keys are dropped;
 * signature keys that are symmetric or of another algorithm than ES256 / PS256 / EdDSA are dropped
 * ({@link ClientKeys#usable}), encryption keys as {@link FeedEncryptionKeys#of} says.
 */
public final class RemoteClientKeys implements ClientKeys {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteClientKeys.class);
    static final int MAX_BYTES = 64 * 1024;

    private final WebClient web;
    private final Clock clock;
    private final Duration ttl;
    private final Duration minRefreshInterval;
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(Future<JWKSet> keys, Instant fetchedAt) {
    }

    public RemoteClientKeys(WebClient web, Clock clock, Duration ttl, Duration minRefreshInterval) {
        this.web = Objects.requireNonNull(web, "web");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
    }

    /** Five minutes' cache, one refetch a minute at most. */
    public RemoteClientKeys(WebClient web, Clock clock) {
        this(web, clock, Duration.ofMinutes(5), Duration.ofMinutes(1));
    }

    @Override
    public Future<JWKSet> keys(RegisteredClient client) {
        if (client.jwksUri().isEmpty()) {
            return ClientKeys.inline().keys(client);
        }
        return published(client).map(ClientKeys::usable);
    }

    @Override
    public Future<JWKSet> refresh(RegisteredClient client) {
        if (client.jwksUri().isEmpty()) {
            return ClientKeys.inline().keys(client);
        }
        return republished(client).map(ClientKeys::usable);
    }

    @Override
    public Future<JWKSet> encryptionKeys(RegisteredClient client) {
        if (client.jwksUri().isEmpty()) {
            return ClientKeys.super.encryptionKeys(client);
        }
        return published(client)
                .compose(set -> FeedEncryptionKeys.of(set).getKeys().isEmpty() ? republished(client) : Future.succeededFuture(set))
                .map(FeedEncryptionKeys::of);
    }

    /** The public keys at the client's jwks_uri: cached, or fetched. */
    private Future<JWKSet> published(RegisteredClient client) {
        Instant now = clock.instant();
        Entry entry = cache.get(client.clientId());
        if (entry != null) {
            boolean pending = !entry.keys().isComplete();
            boolean fresh = entry.keys().succeeded() && now.isBefore(entry.fetchedAt().plus(ttl));
            boolean failedRecently = entry.keys().failed() && now.isBefore(entry.fetchedAt().plus(minRefreshInterval));
            if (pending || fresh || failedRecently) {
                return entry.keys();
            }
        }
        return fetch(client, entry, now);
    }

    /** The same, fetched again unless the last fetch is less than the minimum interval ago. */
    private Future<JWKSet> republished(RegisteredClient client) {
        Instant now = clock.instant();
        Entry entry = cache.get(client.clientId());
        if (entry != null && (!entry.keys().isComplete() || now.isBefore(entry.fetchedAt().plus(minRefreshInterval)))) {
            return entry.keys();
        }
        return fetch(client, entry, now);
    }

    private Future<JWKSet> fetch(RegisteredClient client, Entry previous, Instant now) {
        URI uri = client.jwksUri().orElseThrow();
        Future<JWKSet> keys = web.getAbs(uri.toString())
                .followRedirects(false)
                .timeout(5_000)
                .putHeader("Accept", "application/jwk-set+json, application/json")
                .send()
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("status " + response.statusCode());
                    }
                    if (response.body() == null || response.body().length() > MAX_BYTES) {
                        return Future.failedFuture("empty or larger than " + MAX_BYTES + " bytes");
                    }
                    try {
                        return Future.succeededFuture(publicKeys(JWKSet.parse(response.bodyAsString())));
                    } catch (java.text.ParseException | RuntimeException e) {
                        return Future.failedFuture("not a JWK Set");
                    }
                })
                .recover(failure -> {
                    LOG.warn("jwks_uri of client {} could not be fetched: {}", client.clientId(), failure.getMessage());
                    return Future.failedFuture(OAuthError.INVALID_CLIENT
                            .withDescription("the client's jwks_uri could not be fetched").toException());
                });
        Entry next = new Entry(keys, now);
        if (previous == null ? cache.putIfAbsent(client.clientId(), next) != null : !cache.replace(client.clientId(), previous, next)) {
            // Another request started a fetch at the same moment: share it.
            return cache.get(client.clientId()).keys();
        }
        return keys;
    }

    private static JWKSet publicKeys(JWKSet set) {
        return new JWKSet(set.getKeys().stream().filter(k -> !k.isPrivate()).toList());
    }
}
