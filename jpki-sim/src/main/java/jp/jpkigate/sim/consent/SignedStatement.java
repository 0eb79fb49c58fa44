package jp.jpkigate.sim.consent;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import jp.jpkigate.sim.ca.Providers;

/**
 * What a person signed and how, as the platform operator forwards it:
 * <pre>
 *   "statement":   base64url (padding optional) of the signed bytes, in the platform operator's own format
 *   "signature":   base64 of the signature: sha256WithRSA (RSA-2048 cards) or SHA384withECDSA (P-384)
 *   "certificate": base64 of the DER signature certificate (card or phone)
 * </pre>
 * J-LIS does not read the statement: it checks that the certificate's key signed those bytes.
 */
public record SignedStatement(byte[] statement, byte[] signature, X509Certificate certificate) {
    public SignedStatement {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** Reads the three members of a request; throws {@link ConsentRefused} ({@link Refusal#MALFORMED}). */
    public static SignedStatement parse(JsonObject json) {
        byte[] statement = JsonFields.bytes(json, "statement", Base64.getUrlDecoder(), "base64url");
        byte[] signature = JsonFields.bytes(json, "signature", Base64.getDecoder(), "base64");
        byte[] der = JsonFields.bytes(json, "certificate", Base64.getDecoder(), "base64 of a DER certificate");
        return new SignedStatement(statement, signature, certificate(der));
    }

    /** Hex SHA-256 of the statement. */
    public String statementSha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(statement));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", Providers.BC);
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            if (certificate == null) {
                throw new IllegalArgumentException("no certificate");
            }
            return certificate;
        } catch (Exception e) {  // BouncyCastle answers garbage with assorted exceptions
            throw Refusal.MALFORMED.refuse("'certificate' is not a DER X.509 certificate");
        }
    }
}
