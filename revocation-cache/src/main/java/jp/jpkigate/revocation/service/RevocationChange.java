package jp.jpkigate.revocation.service;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import jp.jpkigate.revocation.index.CrlReason;

/**
 * One change of a certificate's status seen between two versions of an issuer's data, appended to
 * the shared revocation stream for other modules (the 4-information feed reacts to revoked
 * signature certificates).
 *
 * @param issuer         the CA generation
 * @param serial         the certificate
 * @param kind           revoked (new entry, or a new reason) or released (a hold removed)
 * @param reason         the reason now (for RELEASED: the reason that was removed)
 * @param revocationDate the CRL entry's revocation date
 * @param seenAt         when this replica ingested the change (injected clock)
 */
public record RevocationChange(IssuerKey issuer, BigInteger serial, Kind kind, CrlReason reason,
                               LocalDate revocationDate, Instant seenAt) {
    public enum Kind { REVOKED, RELEASED }

    public RevocationChange {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revocationDate, "revocationDate");
        Objects.requireNonNull(seenAt, "seenAt");
    }
}
