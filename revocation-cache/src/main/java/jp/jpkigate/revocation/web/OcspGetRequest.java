package jp.jpkigate.revocation.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The DER request inside {@code GET {url}/{url-encoding of base-64 encoding of the DER encoding of the
 * OCSPRequest}} (RFC 6960 A.1.1). Percent-decoding is plain RFC 3986 (a '+' stays a '+': it is a base64
 * digit, not a space); then base64, standard or URL-safe alphabet, padding optional. Anything else is a
 * {@link ProblemException} ({@code invalid-ocsp-request}, 400): it is not an OCSP request at all, so
 * there is no OCSPResponse to give.
 */
final class OcspGetRequest {
    /** Far above a real request (RFC 5019 5: GET is for requests under 255 bytes). */
    static final int MAX_ENCODED = 8 * 1024;

    private OcspGetRequest() {
    }

    static byte[] decode(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED) {
            throw fail("the path must end with the url-encoded base64 of a DER OCSPRequest");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw fail("a percent-encoding is cut short");
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw fail("a percent-encoding is not two hex digits");
                }
                out.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw fail("the request is not url-encoded base64");
            }
        }
        String base64 = out.toString(StandardCharsets.ISO_8859_1);
        try {
            boolean urlSafe = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
            byte[] der = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64);
            if (der.length == 0) {
                throw fail("the request is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw fail("the request is not url-encoded base64");
        }
    }

    private static ProblemException fail(String detail) {
        return Problem.INVALID_OCSP_REQUEST.withDetail(detail).exception();
    }
}
