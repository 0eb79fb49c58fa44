package jp.jpkigate.sim.ca;

/** What a subscriber certificate is for and where its key lives. */
public enum CertificateType {
    SIGNATURE_CARD(CaKind.SIGNATURE, Device.CARD, JpkiOids.POLICY_SIGNATURE_CARD),
    AUTH_CARD(CaKind.AUTHENTICATION, Device.CARD, JpkiOids.POLICY_AUTH_CARD),
    SIGNATURE_PHONE(CaKind.SIGNATURE, Device.PHONE, JpkiOids.POLICY_SIGNATURE_PHONE),
    AUTH_PHONE(CaKind.AUTHENTICATION, Device.PHONE, JpkiOids.POLICY_AUTH_PHONE);

    /** A My Number card or a phone's secure element. */
    public enum Device { CARD, PHONE }

    private final CaKind kind;
    private final Device device;
    private final String policyOid;

    CertificateType(CaKind kind, Device device, String policyOid) {
        this.kind = kind;
        this.device = device;
        this.policyOid = policyOid;
    }

    public CaKind kind() {
        return kind;
    }

    public Device device() {
        return device;
    }

    public String policyOid() {
        return policyOid;
    }

    public boolean carriesFourInfo() {
        return kind == CaKind.SIGNATURE;
    }

    public static CertificateType of(CaKind kind, Device device) {
        for (CertificateType type : values()) {
            if (type.kind == kind && type.device == device) {
                return type;
            }
        }
        throw new IllegalArgumentException(kind + "/" + device);
    }
}
