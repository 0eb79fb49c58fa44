package jp.jpkigate.feed.receiver;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link OpKeys} fetched from the OP's {@code jwks_uri} with the Vert.x {@link WebClient} (never
 * blocking), kept for {@code ttl}, refetched early on an unknown {@code kid} at most once per
 * {@code minRefreshInterval}; a failed fetch is retried after that interval. Concurrent callers
 * share one fetch. Limits: 5 s timeout, no redirects, 64 KiB, status 200; private keys are dropped.
 * Use it from one Vert.x context (the receiver's verticle).
 */
public final class RemoteOpKeys implements OpKeys {
    static final int MAX_BYTES = 64 * 1024;

    private final WebClient web;
    private final URI jwksUri;
    private final Clock clock;
    private final Duration ttl;
    private final Duration minRefreshInterval;
    private Future<JWKSet> current;
    private Instant fetchedAt = Instant.MIN;

    public RemoteOpKeys(WebClient web, URI jwksUri, Clock clock, Duration ttl, Duration minRefreshInterval) {
        this.web = Objects.requireNonNull(web, "web");
        this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
    }

    @Override
    public synchronized Future<JWKSet> keys() {
        Instant now = clock.instant();
        if (current != null && (!current.isComplete()
                || current.succeeded() && now.isBefore(fetchedAt.plus(ttl))
                || current.failed() && now.isBefore(fetchedAt.plus(minRefreshInterval)))) {
            return current;
        }
        return fetch(now);
    }

    @Override
    public synchronized Future<JWKSet> refresh() {
        Instant now = clock.instant();
        if (current != null && (!current.isComplete() || now.isBefore(fetchedAt.plus(minRefreshInterval)))) {
            return current;
        }
        return fetch(now);
    }

    private Future<JWKSet> fetch(Instant now) {
        fetchedAt = now;
        current = web.getAbs(jwksUri.toString())
                .followRedirects(false)
                .timeout(5_000)
                .putHeader("Accept", "application/jwk-set+json, application/json")
                .send()
                .compose(response -> {
                    if (response.statusCode() != 200 || response.body() == null || response.body().length() > MAX_BYTES) {
                        return Future.failedFuture("the OP's JWK Set answered status " + response.statusCode()
                                + " or an empty or too large body");
                    }
                    try {
                        return Future.succeededFuture(JWKSet.parse(response.bodyAsString()).toPublicJWKSet());
                    } catch (java.text.ParseException | RuntimeException e) {
                        return Future.failedFuture("the OP's jwks_uri did not answer a JWK Set");
                    }
                });
        return current;
    }
}
