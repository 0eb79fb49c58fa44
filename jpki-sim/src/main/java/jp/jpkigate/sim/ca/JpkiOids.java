package jp.jpkigate.sim.ca;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Object identifiers of the JPKI certificate profiles (see shared/jpki/JPKI.md). */
public final class JpkiOids {
    private static final String BASIC_FOUR = "1.2.392.200149.8.5.5.";

    /** 氏名: name, full-width space between family and given name. */
    public static final ASN1ObjectIdentifier NAME = new ASN1ObjectIdentifier(BASIC_FOUR + "1");
    /** Substitute-character map of the name: one digit per character. */
    public static final ASN1ObjectIdentifier NAME_MAP = new ASN1ObjectIdentifier(BASIC_FOUR + "2");
    /** Gender: 1 male, 2 female, 3 unknown. */
    public static final ASN1ObjectIdentifier GENDER = new ASN1ObjectIdentifier(BASIC_FOUR + "3");
    /** Date of birth as EYYYYMMDD. */
    public static final ASN1ObjectIdentifier BIRTH_DATE = new ASN1ObjectIdentifier(BASIC_FOUR + "4");
    /** Address from the prefecture on, no postcode. */
    public static final ASN1ObjectIdentifier ADDRESS = new ASN1ObjectIdentifier(BASIC_FOUR + "5");
    /** Substitute-character map of the address. */
    public static final ASN1ObjectIdentifier ADDRESS_MAP = new ASN1ObjectIdentifier(BASIC_FOUR + "6");

    /** Certificate policy of signature certificates on cards [S]. */
    public static final String POLICY_SIGNATURE_CARD = "1.2.392.200149.8.5.1.1.20";
    /** Certificate policy of user-authentication certificates on cards [S]. */
    public static final String POLICY_AUTH_CARD = "1.2.392.200149.8.5.1.3.30";
    /**
     * Certificate policy the simulator gives phone signature certificates. The real value is not
     * public [I]; verifiers take it from configuration.
     */
    public static final String POLICY_SIGNATURE_PHONE = "1.2.392.200149.8.5.1.1.21";
    /** Certificate policy the simulator gives phone user-authentication certificates [I]. */
    public static final String POLICY_AUTH_PHONE = "1.2.392.200149.8.5.1.3.31";

    private JpkiOids() {
    }
}
