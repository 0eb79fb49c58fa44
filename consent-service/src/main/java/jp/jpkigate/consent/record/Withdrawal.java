package jp.jpkigate.consent.record;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a consent ended: when, where, and the person's signed withdrawal when it was made here (a
 * withdrawal made in J-LIS's own app is learned by pulling J-LIS's changes and has no evidence here).
 *
 * @param reportedToRegistry whether J-LIS has acknowledged a withdrawal made here (retried until it has)
 */
public record Withdrawal(Instant at, Source source, Optional<ConsentEvidence> evidence, boolean reportedToRegistry) {
    public enum Source {
        /** On the person's dashboard here, with a signature-certificate signature. */
        DASHBOARD,
        /** In J-LIS's own app; pulled from J-LIS. */
        REGISTRY
    }

    public Withdrawal {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(evidence, "evidence");
    }

    /**
     * Acknowledged by J-LIS: the signature certificate of the withdrawal's evidence is no longer kept
     * (it carries the 4 information, like the consent's own; the platform keeps it only until J-LIS has it).
     */
    public Withdrawal reported() {
        return new Withdrawal(at, source, evidence.map(ConsentEvidence::withoutCertificate), true);
    }
}
