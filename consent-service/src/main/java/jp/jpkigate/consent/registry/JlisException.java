package jp.jpkigate.consent.registry;

import java.util.Locale;
import java.util.Objects;

/**
 * A call to J-LIS that did not succeed: unavailable (worth retrying later) or refused (J-LIS's answer to
 * this request; retrying it unchanged gives the same). {@link #reason()} is a machine-readable code for
 * the audit log ({@code jlis_unavailable}, {@code jlis_<problem type>}); the message never carries
 * request data.
 */
public final class JlisException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind { UNAVAILABLE, REFUSED }

    private final Kind kind;
    private final int status;
    private final String problemType;

    public JlisException(Kind kind, int status, String problemType, String message) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.problemType = problemType == null ? "" : problemType;
    }

    public static JlisException unavailable(String message) {
        return new JlisException(Kind.UNAVAILABLE, 0, "", message);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status J-LIS answered, 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** The problem document's type slug ({@code consent-ended}, …), empty when there was none. */
    public String problemType() {
        return problemType;
    }

    /** {@code jlis_unavailable}, or {@code jlis_} and the problem type in {@code [a-z0-9_]}. */
    public String reason() {
        if (kind == Kind.UNAVAILABLE) {
            return "jlis_unavailable";
        }
        String slug = problemType.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return "jlis_" + (slug.isEmpty() ? "refused_" + status : slug.length() > 50 ? slug.substring(0, 50) : slug);
    }
}
