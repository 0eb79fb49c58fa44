package jp.jpkigate.idp.subject;

/**
 * The certificate linkage could not answer. The message names the cause, never a serial number; the
 * token request that needed the answer fails with {@code server_error}.
 */
public final class LinkageException extends RuntimeException {
    public LinkageException(String message) {
        super(message);
    }
}
