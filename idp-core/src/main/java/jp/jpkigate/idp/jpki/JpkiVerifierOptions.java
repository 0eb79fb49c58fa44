package jp.jpkigate.idp.jpki;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link JpkiVerifier}.
 *
 * @param policies          the certificate policy OID of each certificate type
 * @param revocationTimeout how long to wait for the revocation checker before failing closed
 *                          with {@code revocation_unknown}
 */
public record JpkiVerifierOptions(PolicyOids policies, Duration revocationTimeout) {
    /** The default revocation timeout: the hot cache answers in microseconds, OCSP fallback in well under this. */
    public static final Duration DEFAULT_REVOCATION_TIMEOUT = Duration.ofSeconds(3);

    public JpkiVerifierOptions {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(revocationTimeout, "revocationTimeout");
        if (revocationTimeout.isNegative() || revocationTimeout.isZero()) {
            throw new IllegalArgumentException("revocationTimeout must be positive, got " + revocationTimeout);
        }
    }

    public static JpkiVerifierOptions defaults() {
        return new JpkiVerifierOptions(PolicyOids.defaults(), DEFAULT_REVOCATION_TIMEOUT);
    }

    public JpkiVerifierOptions withPolicies(PolicyOids value) {
        return new JpkiVerifierOptions(value, revocationTimeout);
    }

    public JpkiVerifierOptions withRevocationTimeout(Duration value) {
        return new JpkiVerifierOptions(policies, value);
    }
}
