package jp.jpkigate.idp.mtls;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * The check of {@code self_signed_tls_client_auth} (RFC 8705 §2.2): the certificate the client
 * presented carries the public key of one of the keys it registered ({@code jwks} or
 * {@code jwks_uri}; with or without {@code x5c}). Keys are compared by their RFC 7638 thumbprints,
 * so encodings do not matter. Neither the certificate's issuer nor its validity period is checked:
 * the registration is the trust (RFC 8705 §2.2.2). RSA, EC (P-256, P-384, P-521) and Ed25519 keys.
 */
public final class CertificateKeys {
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4), followed by the 32-byte key. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private CertificateKeys() {
    }

    /** Whether the certificate's public key is one of the set's keys. */
    public static boolean matchesAny(X509Certificate certificate, JWKSet keys) {
        Optional<String> presented = publicJwk(certificate.getPublicKey()).flatMap(CertificateKeys::thumbprint);
        if (presented.isEmpty()) {
            return false;
        }
        return keys.getKeys().stream().map(JWK::toPublicJWK).map(CertificateKeys::thumbprint)
                .anyMatch(presented::equals);
    }

    /** The public key as a JWK, for the key types a client may register. */
    static Optional<JWK> publicJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return Optional.of(new RSAKey.Builder(rsa).build());
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            return curve == null ? Optional.empty() : Optional.of(new ECKey.Builder(curve, ec).build());
        }
        byte[] spki = key.getEncoded();
        if (spki != null && spki.length == ED25519_SPKI_PREFIX.length + 32
                && Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            byte[] x = Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
            return Optional.of(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).build());
        }
        return Optional.empty();
    }

    private static Optional<String> thumbprint(JWK key) {
        try {
            return Optional.of(key.computeThumbprint("SHA-256").toString());
        } catch (JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
