package jp.jpkigate.consent.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The hash chain of the consent audit log. Entry {@code n} (from 1) links to entry {@code n - 1}
 * by carrying its hash as {@code prev} ({@link #GENESIS}, 64 zeros, for entry 1), and its own hash is
 * <pre>
 * hash(n) = lowercase hex of SHA-256(
 *     "jpki-gate/consent-audit/v1" LF
 *     decimal(n) LF                       (ASCII, no sign, no leading zeros)
 *     prev LF                             (64 lowercase hex digits)
 *     event)                              (the event's RFC 8785 canonical JSON, UTF-8)
 * </pre>
 * LF is the single byte 0x0A. The label separates these hashes from any other SHA-256 the product
 * computes; the fixed-format fields before the event make the input unambiguous (neither a digit
 * string nor hex contains LF, and the event comes last). Binding {@code n} makes an entry's place
 * part of its hash, binding {@code prev} makes every entry vouch for all before it: an edited,
 * removed or reordered entry breaks the link after it, and only the head (the last hash) needs
 * keeping elsewhere to detect a rewritten tail.
 */
public final class AuditChain {
    /** The {@code prev} of the first entry, and the head of an empty log. */
    public static final String GENESIS = "0".repeat(64);
    /** How {@code prev} and {@code hash} look. */
    public static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private static final byte[] LABEL = "jpki-gate/consent-audit/v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte LF = '\n';

    private AuditChain() {
    }

    /** The hash of entry {@code seq} that follows the entry hashed {@code prev} and holds {@code canonicalEvent}. */
    public static String hash(long seq, String prev, byte[] canonicalEvent) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, got " + seq);
        }
        if (prev == null || !HASH.matcher(prev).matches()) {
            throw new IllegalArgumentException("prev must be 64 lowercase hex digits");
        }
        MessageDigest sha256 = sha256();
        sha256.update(LABEL);
        sha256.update(Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
        sha256.update(LF);
        sha256.update(prev.getBytes(StandardCharsets.US_ASCII));
        sha256.update(LF);
        sha256.update(canonicalEvent);
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The entry that appends {@code event} after {@code head}. */
    public static AuditEntry next(AuditHead head, ConsentAuditEvent event) {
        long seq = head.seq() + 1;
        byte[] json = event.toCanonicalJson();
        return new AuditEntry(seq, head.hash(), new String(json, StandardCharsets.UTF_8), hash(seq, head.hash(), json));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
