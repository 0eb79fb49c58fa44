package jp.jpkigate.feed.detect;

import java.time.Instant;
import java.util.Objects;

/**
 * A request for a consent's latest 4 information that is owed: the certificate it followed was seen
 * revoked at {@code since}; {@code attempts} answers so far said there is no new certificate yet (or J-LIS
 * could not be reached). One task per consent at most.
 */
public record ProvisionTask(String consentId, CertificateRef revoked, Instant since, int attempts) {
    public ProvisionTask {
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(revoked, "revoked");
        Objects.requireNonNull(since, "since");
        if (consentId.isEmpty() || attempts < 0) {
            throw new IllegalArgumentException("a task names a consent and counts attempts from 0");
        }
    }

    public ProvisionTask retried() {
        return new ProvisionTask(consentId, revoked, since, attempts + 1);
    }
}
