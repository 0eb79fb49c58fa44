package jp.jpkigate.feed.flow;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.feed.outbox.Outbox;
import jp.jpkigate.feed.outbox.OutboxEvent;
import jp.jpkigate.feed.set.IssuedSet;
import jp.jpkigate.feed.set.SecurityEvent;
import jp.jpkigate.feed.set.SetIssuer;
import jp.jpkigate.idp.client.ClientKeys;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.FeedEncryptionKeys;
import jp.jpkigate.idp.client.RegisteredClient;

/**
 * From event to outbox: a SET signed by the OP and encrypted to the business's {@code enc} key ({@link SetIssuer}),
 * then enqueued for delivery (push or poll, the outbox's business). The key is the first acceptable one of the
 * business's inline {@code jwks} ({@link FeedEncryptionKeys#choose}) or, for a business that publishes its keys at a
 * {@code jwks_uri}, of the set fetched there ({@link ClientKeys#encryptionKeys}, cached).
 */
final class EventDispatch {
    private final SetIssuer sets;
    private final ClientRegistry clients;
    private final ClientKeys keys;
    private final Outbox outbox;
    private final Clock clock;

    EventDispatch(SetIssuer sets, ClientRegistry clients, ClientKeys keys, Outbox outbox, Clock clock) {
        this.sets = Objects.requireNonNull(sets, "sets");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The SET for the business; empty when it is not registered for the feed or has no encryption key at all
     * (neither inline nor a {@code jwks_uri}); failed with {@link BusinessKeysUnavailable} when its {@code jwks_uri}
     * cannot be fetched now or publishes no acceptable {@code enc} key yet (the caller tries again later).
     */
    Future<Optional<IssuedSet>> issue(String clientId, SecurityEvent event) {
        Optional<RegisteredClient> found = clients.find(clientId).filter(c -> c.feed().enabled());
        if (found.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        RegisteredClient client = found.get();
        Optional<JWK> inline = FeedEncryptionKeys.choose(client.feed().encryptionKeys());
        if (inline.isPresent() || client.jwksUri().isEmpty()) {
            return Future.succeededFuture(inline.map(key -> sets.issue(clientId, key, event, Optional.empty())));
        }
        return keys.encryptionKeys(client)
                .recover(e -> Future.failedFuture(new BusinessKeysUnavailable(clientId, "its jwks_uri could not be fetched")))
                .compose(published -> FeedEncryptionKeys.choose(published)
                        .map(key -> Future.succeededFuture(Optional.of(sets.issue(clientId, key, event, Optional.empty()))))
                        .orElseGet(() -> Future.failedFuture(new BusinessKeysUnavailable(clientId, "no enc key at its jwks_uri"))));
    }

    Future<Boolean> enqueue(String clientId, String consentId, String jti, String jwe) {
        return outbox.enqueue(new OutboxEvent(jti, clientId, consentId, jwe, clock.instant()));
    }

    Future<Integer> drop(String clientId, String consentId) {
        return outbox.dropConsent(clientId, consentId);
    }
}
