package jp.jpkigate.revocation.responder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;

/**
 * Parses a DER OCSPRequest (RFC 6960 4.1.1) and decides whether it is malformed; it never throws.
 * <pre>
 * OCSPRequest ::= SEQUENCE {
 *     tbsRequest              TBSRequest,
 *     optionalSignature   [0] EXPLICIT Signature OPTIONAL }
 * TBSRequest ::= SEQUENCE {
 *     version             [0] EXPLICIT Version DEFAULT v1,
 *     requestorName       [1] EXPLICIT GeneralName OPTIONAL,
 *     requestList             SEQUENCE OF Request,
 *     requestExtensions   [2] EXPLICIT Extensions OPTIONAL }
 * </pre>
 * Malformed: not exactly one DER value, not an OCSPRequest, a version other than v1, no Request or
 * more than {@link #MAX_CERT_IDS}, an unrecognised critical extension (RFC 6960 4.4: "unless they
 * have the critical flag set and are not understood"), or a nonce of 0 or more than 128 octets
 * (RFC 8954 2.1). A nonce of 1 to 32 octets is echoed; a longer one is left out of the answer, as
 * RFC 8954 allows. A request signature is neither required nor checked.
 */
final class OcspRequestParser {
    /** RFC 5019 clients send one CertID; more than this many is not a real client. */
    static final int MAX_CERT_IDS = 1000;
    private static final ASN1ObjectIdentifier NONCE = OCSPObjectIdentifiers.id_pkix_ocsp_nonce;

    /** What the responder needs from a well-formed request. */
    record ParsedOcspRequest(List<CertificateID> certIds, Optional<Extension> nonce) {
    }

    private OcspRequestParser() {
    }

    /** The request, or empty when it is malformed. */
    static Optional<ParsedOcspRequest> parse(byte[] der) {
        if (der == null || der.length == 0) {
            return Optional.empty();
        }
        try {
            OCSPReq request = new OCSPReq(OCSPRequest.getInstance(ASN1Primitive.fromByteArray(der)));
            Req[] singles = request.getRequestList();
            if (request.getVersionNumber() != 1 || singles.length == 0 || singles.length > MAX_CERT_IDS
                    || !understood(request.getCriticalExtensionOIDs())) {
                return Optional.empty();
            }
            List<CertificateID> ids = new ArrayList<>(singles.length);
            for (Req single : singles) {
                CertificateID id = single.getCertID();
                if (id.getSerialNumber() == null || id.getIssuerKeyHash() == null || id.getIssuerNameHash() == null
                        || !understood(single.getSingleRequestExtensions() == null ? Set.of()
                                : Set.of(single.getSingleRequestExtensions().getCriticalExtensionOIDs()))) {
                    return Optional.empty();
                }
                ids.add(id);
            }
            Extension nonce = request.getExtension(NONCE);
            if (nonce == null) {
                return Optional.of(new ParsedOcspRequest(ids, Optional.empty()));
            }
            int length = nonceLength(nonce);
            if (length == 0 || length > 128) {
                return Optional.empty();
            }
            return Optional.of(new ParsedOcspRequest(ids, length <= 32 ? Optional.of(nonce) : Optional.empty()));
        } catch (Exception e) {
            // IOException from DER, IllegalArgumentException / ClassCastException from getInstance:
            // all of them mean "malformedRequest" (RFC 6960 4.2.1).
            return Optional.empty();
        }
    }

    /** Only the nonce is understood; any other critical extension makes the request malformed. */
    private static boolean understood(Set<?> criticalOids) {
        for (Object oid : criticalOids) {
            if (!NONCE.equals(oid)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 8954: {@code Nonce ::= OCTET STRING(SIZE(1..32))} inside extnValue; older clients put raw bytes. */
    private static int nonceLength(Extension nonce) {
        byte[] value = nonce.getExtnValue().getOctets();
        try {
            return ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(value)).getOctets().length;
        } catch (Exception e) {
            return value.length;
        }
    }
}
