package jp.jpkigate.idp.login;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The signer's {@code POST /login/<id>} body: a JSON object
 * {@code {"certificate": "<base64 DER>", "signature": "<base64>"}}. Base64 may be standard or
 * URL-safe, padded or not. Other members are ignored. Every malformed body is a
 * {@link LoginProblem#INVALID_SUBMISSION}; nothing else is thrown.
 *
 * @param certificateDer the certificate read from the card (file 0001 or 000A)
 * @param signature      the card's signature over {@link LoginSigningInput}
 */
public record LoginSubmission(byte[] certificateDer, byte[] signature) {
    /** The largest body read. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_CERTIFICATE_BYTES = 8 * 1024;
    static final int MAX_SIGNATURE_BYTES = 1024;

    public LoginSubmission {
        certificateDer = certificateDer.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public static LoginSubmission parse(byte[] body) throws LoginException {
        if (body == null || body.length == 0 || body.length > MAX_BODY_BYTES) {
            throw LoginProblem.INVALID_SUBMISSION.toException();
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
        } catch (java.text.ParseException | RuntimeException | StackOverflowError e) {
            throw LoginProblem.INVALID_SUBMISSION.toException();
        }
        if (json == null) {
            throw LoginProblem.INVALID_SUBMISSION.toException();
        }
        byte[] certificate = base64(json.get("certificate"), MAX_CERTIFICATE_BYTES);
        byte[] signature = base64(json.get("signature"), MAX_SIGNATURE_BYTES);
        return new LoginSubmission(certificate, signature);
    }

    private static byte[] base64(Object value, int maxBytes) throws LoginException {
        if (!(value instanceof String text) || text.isEmpty() || text.length() > maxBytes * 4 / 3 + 4) {
            throw LoginProblem.INVALID_SUBMISSION.toException();
        }
        try {
            boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
            String unpadded = text.endsWith("==") ? text.substring(0, text.length() - 2)
                    : text.endsWith("=") ? text.substring(0, text.length() - 1) : text;
            byte[] bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(unpadded);
            if (bytes.length == 0 || bytes.length > maxBytes) {
                throw LoginProblem.INVALID_SUBMISSION.toException();
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw LoginProblem.INVALID_SUBMISSION.toException();
        }
    }

    @Override
    public String toString() {
        return "LoginSubmission[certificate " + certificateDer.length + " bytes, signature " + signature.length + " bytes]";
    }
}
