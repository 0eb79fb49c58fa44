package jp.jpkigate.idp.jpki;

/**
 * The four kinds of JPKI subscriber certificate: signature (署名用) or user authentication
 * (利用者証明用), on a My Number card or on a phone.
 */
public enum JpkiCertificateType {
    SIGNATURE_CARD(Purpose.SIGNATURE, Device.CARD),
    AUTH_CARD(Purpose.AUTHENTICATION, Device.CARD),
    SIGNATURE_PHONE(Purpose.SIGNATURE, Device.PHONE),
    AUTH_PHONE(Purpose.AUTHENTICATION, Device.PHONE);

    /** What the key is for. Signature certificates carry the basic 4 information. */
    public enum Purpose { SIGNATURE, AUTHENTICATION }

    /** Where the key lives: a My Number card or a phone's secure element. */
    public enum Device { CARD, PHONE }

    private final Purpose purpose;
    private final Device device;

    JpkiCertificateType(Purpose purpose, Device device) {
        this.purpose = purpose;
        this.device = device;
    }

    public Purpose purpose() {
        return purpose;
    }

    public Device device() {
        return device;
    }

    /** Signature certificates carry the basic 4 information and need nonRepudiation. */
    public boolean isSignature() {
        return purpose == Purpose.SIGNATURE;
    }

    public static JpkiCertificateType of(Purpose purpose, Device device) {
        for (JpkiCertificateType type : values()) {
            if (type.purpose == purpose && type.device == device) {
                return type;
            }
        }
        throw new IllegalArgumentException(purpose + "/" + device);
    }
}
