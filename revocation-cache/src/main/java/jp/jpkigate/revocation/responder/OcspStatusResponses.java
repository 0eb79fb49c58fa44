package jp.jpkigate.revocation.responder;

import java.io.IOException;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;

/**
 * The OCSPResponses that carry only a status and no responseBytes (RFC 6960 4.2.1):
 * <pre>
 * OCSPResponseStatus ::= ENUMERATED {
 *     successful            (0),  -- Response has valid confirmations
 *     malformedRequest      (1),  -- Illegal confirmation request
 *     internalError         (2),  -- Internal error in issuer
 *     tryLater              (3),  -- Try again later
 *                                 -- (4) is not used
 *     sigRequired           (5),  -- Must sign the request
 *     unauthorized          (6)   -- Request unauthorized
 * }
 * </pre>
 * They are unsigned, so no proxy may cache them as an answer about a certificate.
 */
enum OcspStatusResponses {
    MALFORMED_REQUEST(OCSPResponseStatus.MALFORMED_REQUEST),
    INTERNAL_ERROR(OCSPResponseStatus.INTERNAL_ERROR),
    TRY_LATER(OCSPResponseStatus.TRY_LATER),
    UNAUTHORIZED(OCSPResponseStatus.UNAUTHORIZED);

    private final byte[] der;

    OcspStatusResponses(int status) {
        try {
            der = new OCSPResponse(new OCSPResponseStatus(status), null).getEncoded();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A fresh copy of the DER OCSPResponse. */
    byte[] der() {
        return der.clone();
    }

    /** The response as an {@link OcspAnswer} without cache lifetime. */
    OcspAnswer answer() {
        return OcspAnswer.unsigned(der());
    }
}
