package jp.jpkigate.consent.audit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What happened to a consent or an invitation. Open for more: add constants at will (the wire name
 * is the lowercase constant name, so never rename one that has been written). Each type names the
 * details an event of it must carry.
 */
public enum ConsentAuditEventType {
    /** A business created a batch of invitations; one event per batch with its size, never per customer. */
    INVITED(AuditDetail.BATCH_SIZE),
    /** A person signed a consent statement with the signature certificate. */
    CONSENT_SIGNED(AuditDetail.CERTIFICATE_ISSUER, AuditDetail.CERTIFICATE_SERIAL, AuditDetail.STATEMENT_SHA256),
    /** The signed consent was registered with J-LIS. */
    CONSENT_REGISTERED,
    /** Registering the consent with J-LIS failed. */
    REGISTRATION_FAILED(AuditDetail.REASON),
    /** The person withdrew the consent here (dashboard, signature-certificate signature). */
    CONSENT_WITHDRAWN,
    /** A withdrawal made elsewhere was learned from J-LIS. */
    WITHDRAWAL_PULLED,
    /** An invitation expired unused. */
    INVITATION_EXPIRED,
    /**
     * A signed consent or withdrawal was refused (a wrong or revoked certificate, an invitation already used
     * by someone else, another person's card at withdrawal); the reason names the step and the refusal.
     */
    ATTEMPT_REFUSED(AuditDetail.REASON);

    private static final Map<String, ConsentAuditEventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ConsentAuditEventType::wireName, Function.identity()));

    private final Set<AuditDetail> required;

    ConsentAuditEventType(AuditDetail... required) {
        this.required = required.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(required[0], required));
    }

    /** The details every event of this type carries (it may carry others). */
    public Set<AuditDetail> requiredDetails() {
        return required;
    }

    /** The name in the event's JSON, such as {@code consent_signed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code wireName} in JSON; {@link IllegalArgumentException} for any other name. */
    public static ConsentAuditEventType ofWireName(String wireName) {
        ConsentAuditEventType type = BY_WIRE_NAME.get(wireName);
        if (type == null) {
            throw new IllegalArgumentException("unknown consent audit event type " + wireName);
        }
        return type;
    }
}
