package jp.jpkigate.sim.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * J-LIS's old → new serial linkage for renewed certificates (the service J-LIS offers platform
 * operators so that an account outlives a card renewal): for an issued certificate, the ones it
 * replaced and the one that replaced it. Renewal, a move, a name change and a new phone each link
 * the new certificate to the one it replaces, per certificate kind. Every certificate but a card's
 * authentication certificate also names its companion: the card authentication certificate it goes
 * with (the same card's, or for a phone the linked card's, in force when it was issued), so that a
 * platform operator can know one person behind a card's two certificates and the phone's.
 */
@FunctionalInterface
public interface SerialLinkage {
    /** Knows no certificate: for publishers without a registry. */
    SerialLinkage NONE = id -> Optional.empty();

    /** The linkage of an issued certificate; empty when no CA generation issued {@code id}. */
    Optional<Linkage> linkage(CertId id);

    /**
     * One certificate's place in its chain of renewals.
     *
     * @param certificate  the certificate asked about
     * @param predecessors the certificates it replaced, nearest first (the last is the first of the chain)
     * @param successor    the certificate that replaced it, if any
     * @param companion    the card authentication certificate it goes with; empty for a card's
     *                     authentication certificate itself
     */
    record Linkage(CertId certificate, List<CertId> predecessors, Optional<CertId> successor, Optional<CertId> companion) {
        public Linkage {
            Objects.requireNonNull(certificate, "certificate");
            predecessors = List.copyOf(predecessors);
            Objects.requireNonNull(successor, "successor");
            Objects.requireNonNull(companion, "companion");
        }
    }
}
