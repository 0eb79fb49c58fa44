package jp.jpkigate.revocation.index;

import java.math.BigInteger;

/** A serial was listed twice while the builder's policy is {@link DuplicatePolicy#REJECT}. */
public final class DuplicateSerialException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient BigInteger serial;

    public DuplicateSerialException(BigInteger serial) {
        super("serial listed more than once: " + serial.toString(16));
        this.serial = serial;
    }

    public BigInteger serial() {
        return serial;
    }
}
