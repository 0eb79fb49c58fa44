package jp.jpkigate.idp.jpki;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one BouncyCastle provider the verifier passes explicitly to every JCA factory (never installed globally). */
final class CryptoProvider {
    static final Provider BC = new BouncyCastleProvider();

    private CryptoProvider() {
    }
}
