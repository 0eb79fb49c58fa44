package jp.jpkigate.feed.receiver;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The receiver's application side: verifies each SET ({@link SetVerifier}) against the OP's keys
 * (refetched once when a SET names an unknown signing key) and keeps the last {@code capacity}
 * accepted SETs in memory, for {@code GET /events}. Push and poll delivery share it.
 */
public final class EventInbox {
    private final SetVerifier verifier;
    private final OpKeys opKeys;
    private final int capacity;
    private final Deque<ReceivedSet> received = new ArrayDeque<>();

    public EventInbox(SetVerifier verifier, OpKeys opKeys, int capacity) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.opKeys = Objects.requireNonNull(opKeys, "opKeys");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * Verifies and keeps one SET.
     *
     * @return the outcome; fails with {@link SetRejectedException} for a refused SET, or with the
     *         JWK Set fetch's failure (then nothing was decided: the transmitter should retry)
     */
    public Future<SetVerifier.Outcome> receive(String token) {
        return opKeys.keys().compose(keys -> verify(token, keys)).recover(failure -> {
            if (failure instanceof SetRejectedException rejected && rejected.unknownSigningKey()) {
                return opKeys.refresh().compose(keys -> verify(token, keys));
            }
            return Future.failedFuture(failure);
        }).onSuccess(outcome -> {
            if (outcome instanceof SetVerifier.Outcome.Accepted accepted) {
                keep(accepted.set());
            }
        });
    }

    private Future<SetVerifier.Outcome> verify(String token, com.nimbusds.jose.jwk.JWKSet keys) {
        try {
            return Future.succeededFuture(verifier.verify(token, keys));
        } catch (SetRejectedException e) {
            return Future.failedFuture(e);
        }
    }

    private synchronized void keep(ReceivedSet set) {
        if (received.size() == capacity) {
            received.removeFirst();
        }
        received.addLast(set);
    }

    /** The accepted SETs, oldest first. */
    public synchronized List<ReceivedSet> events() {
        return new ArrayList<>(received);
    }

    /** {@link #events()} as a JSON array of {@link ReceivedSet#toJson()}. */
    public JsonArray toJson() {
        JsonArray out = new JsonArray();
        events().forEach(e -> out.add(e.toJson()));
        return out;
    }
}
