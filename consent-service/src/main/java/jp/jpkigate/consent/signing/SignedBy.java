package jp.jpkigate.consent.signing;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.jpki.VerifiedCertificate;

/**
 * Who signed a document and the proof, as kept after verification: the certificate's type, serial and
 * issuing trust anchor, when the revocation check answered, the signature, and — until J-LIS has it
 * (J-LIS checks a consent's and a withdrawal's signature itself) — the certificate. Never the 4
 * information read from it.
 */
public record SignedBy(JpkiCertificateType type, BigInteger serial, String issuerAnchorId, Instant revocationCheckedAt,
                       byte[] signature, Optional<byte[]> certificate) {
    public SignedBy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(issuerAnchorId, "issuerAnchorId");
        Objects.requireNonNull(revocationCheckedAt, "revocationCheckedAt");
        signature = Objects.requireNonNull(signature, "signature").clone();
        certificate = Objects.requireNonNull(certificate, "certificate").map(byte[]::clone);
    }

    /** The evidence of this signature over {@code statement}, as a consent or withdrawal record keeps it. */
    public jp.jpkigate.consent.record.ConsentEvidence evidence(byte[] statement) {
        return new jp.jpkigate.consent.record.ConsentEvidence(statement, signature, issuerAnchorId, serial, certificate,
                "valid", revocationCheckedAt);
    }

    /** What a verified signature leaves (the record drops the certificate once J-LIS has it). */
    public static SignedBy of(VerifiedCertificate verified, byte[] signature, byte[] certificateDer) {
        return new SignedBy(verified.type(), verified.serial(), verified.issuer().id(), verified.revocationCheckedAt(),
                signature, Optional.of(certificateDer));
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public Optional<byte[]> certificate() {
        return certificate.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedBy s && type == s.type && serial.equals(s.serial) && issuerAnchorId.equals(s.issuerAnchorId)
                && revocationCheckedAt.equals(s.revocationCheckedAt) && Arrays.equals(signature, s.signature)
                && certificate.isPresent() == s.certificate.isPresent()
                && (certificate.isEmpty() || Arrays.equals(certificate.get(), s.certificate.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, serial, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "SignedBy[" + type + ", " + issuerAnchorId + "]";
    }
}
