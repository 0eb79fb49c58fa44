package jp.jpkigate.idp.admin;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.token.BearerTokenException;
import jp.jpkigate.idp.token.BearerTokenException.Code;

/**
 * The admin API's bearer tokens (RFC 6750 §2.1), known only by label and SHA-256: the presented
 * token's digest is compared with every configured one in constant time (no early exit), so
 * neither a token nor which label it would match leaks through timing. Tokens are never stored,
 * logged or printed by this class.
 */
public final class AdminTokens {
    private final Map<String, byte[]> digests;

    private AdminTokens(Map<String, byte[]> digests) {
        this.digests = Map.copyOf(digests);
    }

    /**
     * @param sha256HexByLabel label (as the audit log names the caller) → hex SHA-256 of the token
     * @throws IllegalArgumentException on a blank label or a value that is not 64 hex digits
     */
    public static AdminTokens of(Map<String, String> sha256HexByLabel) {
        Map<String, byte[]> digests = new LinkedHashMap<>();
        sha256HexByLabel.forEach((label, hex) -> {
            if (label == null || label.isBlank() || hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("an admin token needs a label and the 64-digit hex SHA-256 of the token");
            }
            digests.put(label, HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
        });
        return new AdminTokens(digests);
    }

    /** A new random token (256 bits, base64url), for dev mode: shown once to the operator, then forgotten. */
    public static String generate(SecureRandom random) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** The hex SHA-256 of a token, the form it is configured in. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /**
     * The caller of an {@code Authorization: Bearer} header.
     *
     * @throws BearerTokenException {@code MISSING} without a header, {@code INVALID_REQUEST} for
     *                              another scheme, {@code INVALID_TOKEN} for an unknown token
     */
    public AdminPrincipal authenticate(Optional<String> authorization) throws BearerTokenException {
        if (authorization.isEmpty()) {
            throw new BearerTokenException(Code.MISSING, "an admin token is required");
        }
        String header = authorization.get();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer") || header.substring(space + 1).isBlank()) {
            throw new BearerTokenException(Code.INVALID_REQUEST, "use Authorization: Bearer <admin token>");
        }
        byte[] presented = sha256(header.substring(space + 1).trim());
        String matched = null;
        for (Map.Entry<String, byte[]> entry : digests.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), presented) && matched == null) {
                matched = entry.getKey();
            }
        }
        if (matched == null) {
            throw new BearerTokenException(Code.INVALID_TOKEN, "unknown admin token");
        }
        return new AdminPrincipal(matched);
    }

    private static byte[] sha256(String token) {
        return ClientAuthenticator.sha256(token);
    }

    @Override
    public String toString() {
        return "AdminTokens" + digests.keySet();
    }
}
