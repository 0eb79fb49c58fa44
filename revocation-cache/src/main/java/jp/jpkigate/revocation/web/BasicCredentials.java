package jp.jpkigate.revocation.web;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Client credentials from an {@code Authorization: Basic} header (RFC 7617), encoded as RFC 6749
 * 2.3.1 says: "The client identifier is encoded using the application/x-www-form-urlencoded encoding
 * algorithm per Appendix B, and the encoded value is used as the username; the client password is
 * encoded using the same algorithm and used as the password." {@link #toString} never shows the secret.
 */
public final class BasicCredentials {
    private final String clientId;
    private final String clientSecret;

    private BasicCredentials(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * Parses the header value; a {@link ProblemException} ({@code invalid-client}, 401) when it is
     * missing or not {@code Basic base64(urlencoded-id ":" urlencoded-secret)} with a non-empty id.
     */
    public static BasicCredentials parse(String authorization) {
        if (authorization == null) {
            throw fail("client authentication is required: HTTP Basic with client_id and client_secret");
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            throw fail("the Authorization header must use the Basic scheme");
        }
        boolean plain;
        String userPass;
        try {
            byte[] decoded = Base64.getDecoder().decode(authorization.substring(space + 1).trim());
            plain = plain(decoded);
            userPass = plain ? new String(decoded, StandardCharsets.ISO_8859_1)
                    : StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw fail("the Basic credentials are not base64 of UTF-8 text");
        }
        int colon = userPass.indexOf(':');
        if (colon < 0) {
            throw fail("the Basic credentials must be client_id:client_secret");
        }
        if (plain) {
            if (colon == 0) {
                throw fail("the client_id is empty");
            }
            return new BasicCredentials(userPass.substring(0, colon), userPass.substring(colon + 1));
        }
        try {
            String id = URLDecoder.decode(userPass.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(userPass.substring(colon + 1), StandardCharsets.UTF_8);
            if (id.isEmpty()) {
                throw fail("the client_id is empty");
            }
            return new BasicCredentials(id, secret);
        } catch (IllegalArgumentException e) {
            throw fail("the client_id and client_secret must be form-urlencoded");
        }
    }

    /**
     * Printable ASCII without {@code %} or {@code +}: the same text in UTF-8 as in Latin-1, and
     * form-urldecoding leaves it as it is (the usual case: ids and random secrets), so neither decoder runs.
     */
    private static boolean plain(byte[] decoded) {
        for (byte b : decoded) {
            if (b < 0x20 || b > 0x7e || b == '%' || b == '+') {
                return false;
            }
        }
        return true;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    private static ProblemException fail(String detail) {
        return Problem.INVALID_CLIENT.withDetail(detail).exception();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BasicCredentials that && clientId.equals(that.clientId)
                && clientSecret.equals(that.clientSecret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, clientSecret);
    }

    @Override
    public String toString() {
        return "BasicCredentials[clientId=" + clientId + ", clientSecret=(redacted)]";
    }
}
