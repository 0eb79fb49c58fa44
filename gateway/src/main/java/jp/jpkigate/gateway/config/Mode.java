package jp.jpkigate.gateway.config;

/** How the gateway runs: {@code dev} starts local helpers (embedded Redis, simulator), {@code prod} starts none. */
public enum Mode {
    DEV("dev"),
    PROD("prod");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    /** The name used in JSON and in {@code JPKI_GATE_MODE}. */
    public String id() {
        return id;
    }
}
