package jp.jpkigate.revocation.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The clients allowed to call {@code POST /revocation/v1/check}: client id → SHA-256 of the client
 * secret (64 hex digits). Only hashes are configured and kept; secrets are issued as random strings of
 * at least 128 bits (a plain hash is enough for those, unlike for passwords) and compared in constant
 * time. {@link #toString} names no hashes.
 *
 * <pre>
 * RevocationApiClients clients = RevocationApiClients.of(Map.of(
 *         "bank-a", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
 * String hashForConfig = RevocationApiClients.hashSecret(secret);
 * </pre>
 */
public final class RevocationApiClients {
    private static final HexFormat HEX = HexFormat.of();
    /** Compared against when the id is unknown, so both paths hash and compare. */
    private static final byte[] NO_CLIENT = new byte[32];

    private final Map<ApiClientId, byte[]> secretHashes;

    private RevocationApiClients(Map<ApiClientId, byte[]> secretHashes) {
        this.secretHashes = secretHashes;
    }

    /**
     * From configuration: client id → lower- or upper-case hex SHA-256 of the UTF-8 secret;
     * {@link IllegalArgumentException} names the first bad id.
     */
    public static RevocationApiClients of(Map<String, String> secretSha256HexById) {
        Map<ApiClientId, byte[]> hashes = new LinkedHashMap<>();
        secretSha256HexById.forEach((id, hex) -> {
            ApiClientId clientId = new ApiClientId(id);
            if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("client '" + id + "': the secret hash must be 64 hex digits (SHA-256)");
            }
            hashes.put(clientId, HEX.parseHex(hex));
        });
        return new RevocationApiClients(Map.copyOf(hashes));
    }

    /** No clients: every call to the check API is refused. */
    public static RevocationApiClients none() {
        return new RevocationApiClients(Map.of());
    }

    /** The value to configure for {@code secret}: hex SHA-256 of its UTF-8 bytes. */
    public static String hashSecret(String secret) {
        return HEX.formatHex(sha256(secret));
    }

    /** The client, if {@code clientId} is configured and {@code secret} hashes to its hash. */
    public Optional<ApiClientId> authenticate(String clientId, String secret) {
        byte[] presented = sha256(secret);
        ApiClientId id;
        try {
            id = new ApiClientId(clientId);
        } catch (IllegalArgumentException e) {
            id = null;
        }
        byte[] expected = id == null ? null : secretHashes.get(id);
        boolean matches = MessageDigest.isEqual(presented, expected == null ? NO_CLIENT : expected);
        return matches && expected != null ? Optional.of(id) : Optional.empty();
    }

    public Set<ApiClientId> ids() {
        return secretHashes.keySet();
    }

    @Override
    public String toString() {
        return "RevocationApiClients" + secretHashes.keySet();
    }

    /** A SHA-256 to clone: {@link MessageDigest#getInstance} searches the providers on every call. */
    private static final MessageDigest SHA_256 = newSha256();

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a standard JCA digest", e);
        }
    }

    private static byte[] sha256(String secret) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha256();
        }
        return digest.digest(secret.getBytes(StandardCharsets.UTF_8));
    }
}
