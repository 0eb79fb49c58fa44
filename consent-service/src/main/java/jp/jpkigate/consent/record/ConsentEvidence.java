package jp.jpkigate.consent.record;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What proves a signature: the exact signed bytes (the canonical JSON statement), the signature, the
 * signature certificate's issuer (trust anchor id) and serial, the verification result and when the
 * revocation check was made. The certificate itself is kept only until J-LIS has it
 * ({@link #withoutCertificate()}): it carries the 4 information, which the platform does not keep.
 *
 * @param result the verifier's verdict, {@code "valid"} (signature, chain, profile and not revoked)
 */
public record ConsentEvidence(byte[] statement, byte[] signature, String certificateIssuer, BigInteger certificateSerial,
                              Optional<byte[]> certificate, String result, Instant verifiedAt) {
    public ConsentEvidence {
        statement = Objects.requireNonNull(statement, "statement").clone();
        signature = Objects.requireNonNull(signature, "signature").clone();
        Objects.requireNonNull(certificateIssuer, "certificateIssuer");
        Objects.requireNonNull(certificateSerial, "certificateSerial");
        certificate = Objects.requireNonNull(certificate, "certificate").map(byte[]::clone);
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    @Override
    public byte[] statement() {
        return statement.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public Optional<byte[]> certificate() {
        return certificate.map(byte[]::clone);
    }

    public ConsentEvidence withoutCertificate() {
        return new ConsentEvidence(statement, signature, certificateIssuer, certificateSerial, Optional.empty(), result,
                verifiedAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsentEvidence e && java.util.Arrays.equals(statement, e.statement)
                && java.util.Arrays.equals(signature, e.signature) && certificateIssuer.equals(e.certificateIssuer)
                && certificateSerial.equals(e.certificateSerial) && certificate.isPresent() == e.certificate.isPresent()
                && (certificate.isEmpty() || java.util.Arrays.equals(certificate.get(), e.certificate.get()))
                && result.equals(e.result) && verifiedAt.equals(e.verifiedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(statement), certificateSerial, verifiedAt);
    }

    @Override
    public String toString() {
        return "ConsentEvidence[" + certificateIssuer + ", serial " + certificateSerial.toString(16) + ", " + result + "]";
    }
}
