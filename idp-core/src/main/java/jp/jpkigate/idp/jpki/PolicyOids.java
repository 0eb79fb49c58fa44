package jp.jpkigate.idp.jpki;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The certificate policy OID (RFC 5280 section 4.2.1.4) that marks each JPKI certificate type.
 * The card values are published [S]; the phone values are not public, so the defaults are the
 * simulator's [I] assumption and production must be able to override every entry.
 *
 * @param byType one distinct policy OID per certificate type
 */
public record PolicyOids(Map<JpkiCertificateType, String> byType) {
    /** Signature certificate on a card [S]. */
    public static final String SIGNATURE_CARD = "1.2.392.200149.8.5.1.1.20";
    /** User-authentication certificate on a card [S]. */
    public static final String AUTH_CARD = "1.2.392.200149.8.5.1.3.30";
    /** Signature certificate on a phone: the simulator's value, an assumption [I]. */
    public static final String SIGNATURE_PHONE = "1.2.392.200149.8.5.1.1.21";
    /** User-authentication certificate on a phone: the simulator's value, an assumption [I]. */
    public static final String AUTH_PHONE = "1.2.392.200149.8.5.1.3.31";

    public PolicyOids {
        Objects.requireNonNull(byType, "byType");
        for (JpkiCertificateType type : JpkiCertificateType.values()) {
            String oid = byType.get(type);
            if (oid == null) {
                throw new IllegalArgumentException("no certificate policy OID configured for " + type);
            }
            if (ASN1ObjectIdentifier.tryFromID(oid) == null) {
                throw new IllegalArgumentException("certificate policy of " + type + " is not an OID: '" + oid + "'");
            }
        }
        if (new HashSet<>(byType.values()).size() != byType.size()) {
            throw new IllegalArgumentException("each certificate type needs its own policy OID: " + byType);
        }
        byType = Map.copyOf(byType);
    }

    /** The published card OIDs and the simulator's phone OIDs. */
    public static PolicyOids defaults() {
        return new PolicyOids(Map.of(
                JpkiCertificateType.SIGNATURE_CARD, SIGNATURE_CARD,
                JpkiCertificateType.AUTH_CARD, AUTH_CARD,
                JpkiCertificateType.SIGNATURE_PHONE, SIGNATURE_PHONE,
                JpkiCertificateType.AUTH_PHONE, AUTH_PHONE));
    }

    /** A copy with one type's OID replaced. */
    public PolicyOids with(JpkiCertificateType type, String oid) {
        Map<JpkiCertificateType, String> copy = new EnumMap<>(byType);
        copy.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(oid, "oid"));
        return new PolicyOids(copy);
    }

    public String oidOf(JpkiCertificateType type) {
        return byType.get(type);
    }

    /** The types whose OID appears among a certificate's policies (normally zero or one). */
    public List<JpkiCertificateType> typesIn(Collection<String> certificatePolicies) {
        return byType.entrySet().stream()
                .filter(entry -> certificatePolicies.contains(entry.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
