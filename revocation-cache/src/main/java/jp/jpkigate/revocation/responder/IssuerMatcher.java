package jp.jpkigate.revocation.responder;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.revocation.service.IssuerInfo;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * Finds the CA generation a CertID names (RFC 6960 4.1.1):
 * <pre>
 * CertID ::= SEQUENCE {
 *     hashAlgorithm       AlgorithmIdentifier,
 *     issuerNameHash      OCTET STRING, -- Hash of issuer's DN
 *     issuerKeyHash       OCTET STRING, -- Hash of issuer's public key
 *     serialNumber        CertificateSerialNumber }
 * </pre>
 * "The hash shall be calculated over the value (excluding tag and length) of the subject public key
 * field in the issuer's certificate." All JPKI generations of a hierarchy share one DN, so the key
 * hash picks the generation; the name hash must agree as well. SHA-1 (what RFC 5019 clients and
 * {@code openssl ocsp} send by default), SHA-256, SHA-384 and SHA-512 are understood.
 */
final class IssuerMatcher {
    private static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    private IssuerMatcher() {
    }

    /** The covered issuer {@code id} names, if any. */
    static Optional<IssuerInfo> match(CertificateID id, List<IssuerInfo> issuers) {
        String digest = DIGESTS.get(id.getHashAlgOID());
        if (digest == null) {
            return Optional.empty();
        }
        for (IssuerInfo issuer : issuers) {
            byte[] key = SubjectPublicKeyInfo.getInstance(issuer.certificate().getPublicKey().getEncoded())
                    .getPublicKeyData().getBytes();
            if (MessageDigest.isEqual(hash(digest, key), id.getIssuerKeyHash())
                    && MessageDigest.isEqual(hash(digest, issuer.certificate().getSubjectX500Principal().getEncoded()),
                            id.getIssuerNameHash())) {
                return Optional.of(issuer);
            }
        }
        return Optional.empty();
    }

    private static byte[] hash(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is a standard JCA digest", e);
        }
    }
}
