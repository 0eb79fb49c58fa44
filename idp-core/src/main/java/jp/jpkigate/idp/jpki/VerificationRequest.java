package jp.jpkigate.idp.jpki;

import java.util.Objects;

/**
 * What a signer presented: the certificate read from the card (file 0001 or 000A), the card's
 * signature, the bytes it claims to have signed, and what the caller accepts. The arrays are
 * copied on construction.
 *
 * @param certificateDer the DER certificate
 * @param signature      PKCS#1 v1.5 (RSA) or DER ECDSA (P-384) signature
 * @param signedBytes    the bytes whose SHA-256 (RSA) or SHA-384 (ECDSA) digest was signed
 * @param expected       the certificate type the caller accepts
 */
public record VerificationRequest(byte[] certificateDer, byte[] signature, byte[] signedBytes, ExpectedType expected) {
    public VerificationRequest {
        certificateDer = Objects.requireNonNull(certificateDer, "certificateDer").clone();
        signature = Objects.requireNonNull(signature, "signature").clone();
        signedBytes = Objects.requireNonNull(signedBytes, "signedBytes").clone();
        Objects.requireNonNull(expected, "expected");
    }
}
