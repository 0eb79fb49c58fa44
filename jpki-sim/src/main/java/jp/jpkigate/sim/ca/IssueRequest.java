package jp.jpkigate.sim.ca;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * What a subscriber certificate says. {@code fourInfo} is required for signature certificates and
 * must be null for user-authentication ones.
 */
public record IssueRequest(SimCa ca, CertificateType type, PublicKey subjectKey, BigInteger serial, String subjectId,
                           Municipality municipality, FourInfo fourInfo, Instant notBefore, Instant notAfter) {
    public IssueRequest {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (ca.kind() != type.kind()) {
            throw new IllegalArgumentException("a " + ca.kind() + " CA cannot issue a " + type + " certificate");
        }
        if (type.carriesFourInfo() != (fourInfo != null)) {
            throw new IllegalArgumentException("4 information belongs in signature certificates only");
        }
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("serial must be positive");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
    }
}
