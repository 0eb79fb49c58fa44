package jp.jpkigate.idp.mtls;

/**
 * A client certificate header that is not a certificate in one of the accepted forms. The message
 * says what was wrong without quoting the value; no stack trace.
 */
public final class MalformedClientCertificateException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedClientCertificateException(String description) {
        super(description, null, false, false);
    }
}
