package jp.jpkigate.idp.subject;

import io.vertx.core.Future;
import java.math.BigInteger;

/**
 * The default {@link PersonKeyResolver}: the certificate identity itself,
 * {@code <issuer anchor id>/<serial hex>}. Stable for the life of one certificate only; a renewed
 * card gets a new subject. Production wires {@link LinkedPersonKeys}.
 */
public final class CertificatePersonKeys implements PersonKeyResolver {
    public static final CertificatePersonKeys INSTANCE = new CertificatePersonKeys();

    private CertificatePersonKeys() {
    }

    public static String keyOf(String issuerAnchorId, BigInteger serial) {
        return issuerAnchorId + "/" + serial.toString(16);
    }

    @Override
    public Future<String> personKey(String issuerAnchorId, BigInteger serial) {
        return Future.succeededFuture(keyOf(issuerAnchorId, serial));
    }
}
