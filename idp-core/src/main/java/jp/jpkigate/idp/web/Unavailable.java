package jp.jpkigate.idp.web;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.redis.client.impl.types.ErrorType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.idp.store.StoreUnavailableException;

/**
 * Whether a failure means the gateway cannot serve right now rather than that it is broken: a connection
 * pool (the Redis client's) whose wait queue is full ({@link Kind#BUSY}), or Redis out of reach — any I/O
 * error of its connection (refused, reset by peer: a plain {@link IOException} from the socket, broken
 * pipe, closed channel), a connection that closed under a command or before the next one of a batch
 * written on one connection (Redis killed or restarting), a Redis that is
 * still loading its AOF or has no master, or a write a store refused for now ({@link StoreUnavailableException},
 * e.g. not confirmed by enough replicas) ({@link Kind#STORE_DOWN}). Such a request is answered 503 with
 * {@code Retry-After}, so clients and load balancers back off and retry instead of seeing a server error;
 * nothing the request wrote is lost that was acknowledged before (Redis with AOF).
 */
final class Unavailable {
    private static final int MAX_CAUSES = 16;
    /** Redis error prefixes that mean "not now" (RESP simple errors, and the client's own for a lost connection). */
    private static final List<String> NOT_NOW = List.of("CONNECTION_CLOSED", "LOADING", "MASTERDOWN", "TRYAGAIN",
            "CLUSTERDOWN", "READONLY");
    /** How the Redis client fails a command sent on a connection that closed before it (its own words). */
    private static final String SENT_ON_CLOSED = "Connection is closed";

    enum Kind {
        BUSY("the service is busy; retry shortly", "1"),
        STORE_DOWN("the service is temporarily unavailable; retry shortly", "5");

        final String description;
        final String retryAfterSeconds;

        Kind(String description, String retryAfterSeconds) {
            this.description = description;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private Unavailable() {
    }

    static Optional<Kind> of(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof ConnectionPoolTooBusyException) {
                return Optional.of(Kind.BUSY);
            }
            if (cause instanceof StoreUnavailableException || cause instanceof IOException
                    || cause instanceof ErrorType error && NOT_NOW.stream().anyMatch(error::is)
                    || SENT_ON_CLOSED.equals(cause.getMessage())) {
                return Optional.of(Kind.STORE_DOWN);
            }
        }
        return Optional.empty();
    }
}
