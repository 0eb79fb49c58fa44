package jp.jpkigate.sim.ca;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one BouncyCastle provider instance the simulator signs and generates keys with. */
public final class Providers {
    /** Passed explicitly to JCA factories, so nothing depends on the global provider list. */
    public static final Provider BC = new BouncyCastleProvider();

    private Providers() {
    }
}
