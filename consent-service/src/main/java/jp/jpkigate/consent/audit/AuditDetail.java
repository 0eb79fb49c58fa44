package jp.jpkigate.consent.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The only details a {@link ConsentAuditEvent} may carry, each a short token in a fixed syntax, so
 * no free text (and with it no name, address, birth date, gender or customer number) can enter the
 * log. Add a constant, with as narrow a syntax as it allows, when an event needs more.
 */
public enum AuditDetail {
    /**
     * The issuing CA as idp-core's {@code CertificateId} names it: a trust anchor id such as
     * {@code jlis:sign_ca_2023}, or {@code sha256:<16 hex>} for a CA not trusted any more.
     */
    CERTIFICATE_ISSUER("certificate_issuer", "[a-z0-9][a-z0-9_.:-]{0,63}"),
    /** The signature certificate's serial number, lowercase hex without leading zeros (RFC 5280: at most 20 octets). */
    CERTIFICATE_SERIAL("certificate_serial", "0|[1-9a-f][0-9a-f]{0,39}"),
    /** SHA-256 of the signed consent statement's canonical bytes, lowercase hex. */
    STATEMENT_SHA256("statement_sha256", "[0-9a-f]{64}"),
    /** How many invitations one {@link ConsentAuditEventType#INVITED} batch created (decimal, 1 to 9999999). */
    BATCH_SIZE("batch_size", "[1-9][0-9]{0,6}"),
    /** A machine-readable reason code such as {@code jlis_unavailable} or {@code withdrawn_at_jlis}; never prose. */
    REASON("reason", "[a-z][a-z0-9_]{0,63}");

    private static final Map<String, AuditDetail> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AuditDetail::wireName, Function.identity()));

    private final String wireName;
    private final Pattern syntax;

    AuditDetail(String wireName, String syntax) {
        this.wireName = wireName;
        this.syntax = Pattern.compile(syntax);
    }

    /** The member name in the event's JSON. */
    public String wireName() {
        return wireName;
    }

    /** {@code value} when it is in this detail's syntax; otherwise {@link IllegalArgumentException}. */
    public String check(String value) {
        if (value == null || !syntax.matcher(value).matches()) {
            throw new IllegalArgumentException(wireName + " must match " + syntax.pattern());
        }
        return value;
    }

    /** The detail named {@code wireName} in JSON; {@link IllegalArgumentException} for any other name. */
    public static AuditDetail ofWireName(String wireName) {
        AuditDetail detail = BY_WIRE_NAME.get(wireName);
        if (detail == null) {
            throw new IllegalArgumentException("unknown audit detail " + wireName);
        }
        return detail;
    }
}
