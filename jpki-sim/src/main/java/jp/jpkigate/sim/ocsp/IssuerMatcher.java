package jp.jpkigate.sim.ocsp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.sim.ca.SimCa;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * Finds the CA generation a CertID (RFC 6960 4.1.1) names. All generations of a hierarchy share one
 * DN, so issuerNameHash alone is ambiguous: the issuerKeyHash (hash of the subjectPublicKey BIT
 * STRING value) picks the generation, and the name hash must agree too.
 */
final class IssuerMatcher {
    private static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    private IssuerMatcher() {
    }

    /** The CA that issued the certificate {@code id} asks about, if it is one of {@code cas}. */
    static Optional<SimCa> match(CertificateID id, List<SimCa> cas) {
        String digest = DIGESTS.get(id.getHashAlgOID());
        if (digest == null) {
            return Optional.empty();
        }
        for (SimCa ca : cas) {
            byte[] key = SubjectPublicKeyInfo.getInstance(ca.certificate().getPublicKey().getEncoded())
                    .getPublicKeyData().getBytes();
            byte[] name = ca.certificate().getSubjectX500Principal().getEncoded();
            if (MessageDigest.isEqual(hash(digest, key), id.getIssuerKeyHash())
                    && MessageDigest.isEqual(hash(digest, name), id.getIssuerNameHash())) {
                return Optional.of(ca);
            }
        }
        return Optional.empty();
    }

    private static byte[] hash(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
