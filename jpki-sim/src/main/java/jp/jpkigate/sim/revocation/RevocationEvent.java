package jp.jpkigate.sim.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import jp.jpkigate.sim.ca.Municipality;

/**
 * One change of a certificate's revocation status, as the simulated J-LIS records it.
 *
 * @param sequence     strictly increasing per CA: deltas hold the events after a base CRL's last sequence
 * @param caId         the issuing CA generation, e.g. {@code sign-2026}
 * @param serial       the certificate's serial number
 * @param partition    the municipality whose CRL partition lists the certificate (its CRL distribution point)
 * @param at           when the status changed (the CRL entry's revocationDate)
 * @param reason       why; {@link Reason#REMOVE_FROM_CRL} releases an earlier {@link Reason#CERTIFICATE_HOLD}
 */
public record RevocationEvent(long sequence, String caId, BigInteger serial, Municipality partition, Instant at,
                              Reason reason) {
    public RevocationEvent {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
