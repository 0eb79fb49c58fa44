package jp.jpkigate.idp.web;

import io.vertx.core.http.ConnectionPoolTooBusyException;

/**
 * Whether a failure means the gateway is overloaded rather than broken: a connection pool (the
 * Redis client's) whose wait queue is full. Such a request is answered 503 with {@code Retry-After},
 * so clients and load balancers back off instead of seeing a server error.
 */
final class Overload {
    private static final int MAX_CAUSES = 16;

    private Overload() {
    }

    static boolean is(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof ConnectionPoolTooBusyException) {
                return true;
            }
        }
        return false;
    }
}
