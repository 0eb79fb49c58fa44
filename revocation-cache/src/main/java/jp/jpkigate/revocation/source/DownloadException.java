package jp.jpkigate.revocation.source;

/** A CRL download that failed: connection, timeout, status, or size cap. The message holds no secrets. */
public final class DownloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DownloadException(String message) {
        super(message, null, false, false);
    }
}
