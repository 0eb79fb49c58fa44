package jp.jpkigate.sim.revocation;

import java.math.BigInteger;
import java.util.List;

/**
 * What CRL and OCSP publishing read from the simulated J-LIS registry. The registry appends; the
 * publishers only read.
 */
public interface RevocationLog {
    /** Every revocation event of one CA generation, in sequence order (empty if none). */
    List<RevocationEvent> events(String caId);

    /** Whether the CA generation ever issued this serial (OCSP answers "unknown" otherwise). */
    boolean issued(String caId, BigInteger serial);
}
