package jp.jpkigate.sim.crl;

import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.revocation.RevocationEvent;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * What one CRL covers (RFC 5280 5.2.5): every certificate of a CA generation, or only those whose
 * CRL distribution point names one municipality's partition.
 *
 * @param ca        the CA generation that issues (and signs) the CRL
 * @param partition the municipality partition, or null for the CA-wide CRL (no IssuingDistributionPoint)
 */
public record CrlScope(SimCa ca, Municipality partition) {
    public CrlScope {
        Objects.requireNonNull(ca, "ca");
    }

    public static CrlScope caWide(SimCa ca) {
        return new CrlScope(ca, null);
    }

    public static CrlScope partition(SimCa ca, Municipality municipality) {
        return new CrlScope(ca, Objects.requireNonNull(municipality, "municipality"));
    }

    /** The directoryName the IssuingDistributionPoint carries: exactly the certificates' CRL DP name. */
    public Optional<X500Name> distributionPoint() {
        return Optional.ofNullable(partition).map(p -> p.crlDistributionPoint(ca.kind()));
    }

    /** Whether an event belongs in CRLs of this scope. */
    public boolean covers(RevocationEvent event) {
        return event.caId().equals(ca.id()) && (partition == null || partition.equals(event.partition()));
    }

    @Override
    public String toString() {
        return partition == null ? ca.id() : ca.id() + "/" + partition;
    }
}
