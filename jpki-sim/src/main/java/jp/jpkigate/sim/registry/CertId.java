package jp.jpkigate.sim.registry;

import java.math.BigInteger;
import java.util.Objects;

/** A certificate's identity: the issuing CA generation and the serial number it allocated. */
public record CertId(String caId, BigInteger serial) {
    public CertId {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(serial, "serial");
    }

    @Override
    public String toString() {
        return caId + "#" + serial;
    }
}
