package jp.jpkigate.idp.store;

/**
 * A store refused a write for now without being broken: for example fewer Redis replicas than required
 * confirmed it in time. The write was not acknowledged; the request may be retried. HTTP endpoints answer it
 * {@code 503} with {@code Retry-After}, never as a server error.
 */
public class StoreUnavailableException extends IllegalStateException {
    public StoreUnavailableException(String message) {
        super(message);
    }
}
