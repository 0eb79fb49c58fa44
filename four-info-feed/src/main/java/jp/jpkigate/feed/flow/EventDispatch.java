package jp.jpkigate.feed.flow;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.feed.outbox.Outbox;
import jp.jpkigate.feed.outbox.OutboxEvent;
import jp.jpkigate.feed.set.IssuedSet;
import jp.jpkigate.feed.set.SecurityEvent;
import jp.jpkigate.feed.set.SetIssuer;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;

/**
 * From event to outbox: a SET signed by the OP and encrypted to the business's registered {@code enc} key
 * ({@link SetIssuer}), then enqueued for delivery (push or poll, the outbox's business).
 */
final class EventDispatch {
    private final SetIssuer sets;
    private final ClientRegistry clients;
    private final Outbox outbox;
    private final Clock clock;

    EventDispatch(SetIssuer sets, ClientRegistry clients, Outbox outbox, Clock clock) {
        this.sets = Objects.requireNonNull(sets, "sets");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The SET for the business; empty when it is not registered for the feed with an inline encryption key. */
    Optional<IssuedSet> issue(String clientId, SecurityEvent event) {
        Optional<RegisteredClient> client = clients.find(clientId).filter(c -> c.feed().enabled());
        try {
            return client.map(c -> sets.issue(c, event, Optional.empty()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Future<Boolean> enqueue(String clientId, String consentId, String jti, String jwe) {
        return outbox.enqueue(new OutboxEvent(jti, clientId, consentId, jwe, clock.instant()));
    }

    Future<Integer> drop(String clientId, String consentId) {
        return outbox.dropConsent(clientId, consentId);
    }
}
