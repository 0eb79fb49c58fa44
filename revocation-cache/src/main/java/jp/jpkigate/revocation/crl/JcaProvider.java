package jp.jpkigate.revocation.crl;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one BouncyCastle instance this module passes explicitly to JCA factories. */
final class JcaProvider {
    static final Provider BC = new BouncyCastleProvider();

    private JcaProvider() {
    }
}
