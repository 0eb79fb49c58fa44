package jp.jpkigate.sim.card;

import jp.jpkigate.sim.ca.CaKind;

/** AID and elementary-file identifiers of the JPKI application (JPKI.md, [V]). */
public final class JpkiFiles {
    /** AID of the JPKI-AP. */
    public static final byte[] AID = {(byte) 0xD3, (byte) 0x92, (byte) 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};
    public static final int SIGN_CERT = 0x0001;
    public static final int SIGN_CA_CERT = 0x0002;
    public static final int TOKEN_INFO = 0x0006;
    public static final int AUTH_CERT = 0x000A;
    public static final int AUTH_CA_CERT = 0x000B;
    public static final int AUTH_KEY = 0x0017;
    public static final int AUTH_PIN = 0x0018;
    public static final int SIGN_KEY = 0x001A;
    public static final int SIGN_PASSWORD = 0x001B;

    private JpkiFiles() {
    }

    public static int certificate(CaKind kind) {
        return kind == CaKind.SIGNATURE ? SIGN_CERT : AUTH_CERT;
    }

    public static int caCertificate(CaKind kind) {
        return kind == CaKind.SIGNATURE ? SIGN_CA_CERT : AUTH_CA_CERT;
    }

    public static int key(CaKind kind) {
        return kind == CaKind.SIGNATURE ? SIGN_KEY : AUTH_KEY;
    }

    public static int secret(CaKind kind) {
        return kind == CaKind.SIGNATURE ? SIGN_PASSWORD : AUTH_PIN;
    }
}
