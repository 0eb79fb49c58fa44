package jp.jpkigate.gateway.config;

/** The set of root certificates JPKI certificates must chain to. */
public enum TrustAnchors {
    /** The roots of the built-in J-LIS simulator; for development and tests only. */
    SIM("sim"),
    /** The real J-LIS JPKI roots. */
    JLIS("jlis");

    private final String id;

    TrustAnchors(String id) {
        this.id = id;
    }

    /** The name used in JSON ({@code trustAnchors}). */
    public String id() {
        return id;
    }
}
