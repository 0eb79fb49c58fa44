package jp.jpkigate.sim.crl;

import java.math.BigInteger;

/** A delta CRL was asked against a base CRL number this CA cannot have issued (RFC 5280 5.2.4). */
public final class UnknownBaseCrlException extends RuntimeException {
    private final BigInteger base;

    public UnknownBaseCrlException(BigInteger base, String why) {
        super("unknown base CRL " + base + ": " + why);
        this.base = base;
    }

    public BigInteger base() {
        return base;
    }
}
