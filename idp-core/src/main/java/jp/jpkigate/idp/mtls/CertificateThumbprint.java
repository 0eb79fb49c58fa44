package jp.jpkigate.idp.mtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 8705 §3.1 {@code x5t#S256}: the base64url (no padding) SHA-256 of a certificate's DER
 * encoding, 43 characters. It names the certificate a token is bound to; it is public, not a secret,
 * and unlike the certificate it carries no personal data.
 */
public record CertificateThumbprint(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    public CertificateThumbprint {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("an x5t#S256 thumbprint is 43 base64url characters");
        }
    }

    /** The thumbprint of a certificate. */
    public static CertificateThumbprint of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new CertificateThumbprint(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the certificate", e);
        }
    }

    /** A well-formed value, or empty. */
    public static Optional<CertificateThumbprint> parse(String value) {
        return value != null && FORMAT.matcher(value).matches() ? Optional.of(new CertificateThumbprint(value))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
