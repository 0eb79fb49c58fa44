package jp.jpkigate.sim.card;

import java.util.Arrays;

/**
 * A short-form ISO 7816-4 command APDU (cases 1-4). Extended length is not used by the JPKI
 * application and is rejected.
 *
 * @param le expected response length, 1-256 ({@code 00} means 256); 0 when absent
 */
record CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int le) {

    /** Parses a command, or returns null when the length bytes do not add up (answer {@code 67 00}). */
    static CommandApdu parse(byte[] apdu) {
        if (apdu == null || apdu.length < 4) {
            return null;
        }
        int cla = apdu[0] & 0xFF;
        int ins = apdu[1] & 0xFF;
        int p1 = apdu[2] & 0xFF;
        int p2 = apdu[3] & 0xFF;
        if (apdu.length == 4) {
            return new CommandApdu(cla, ins, p1, p2, new byte[0], 0);
        }
        int b4 = apdu[4] & 0xFF;
        if (apdu.length == 5) {
            return new CommandApdu(cla, ins, p1, p2, new byte[0], b4 == 0 ? 256 : b4);
        }
        if (b4 == 0) {
            return null;
        }
        byte[] data = Arrays.copyOfRange(apdu, 5, Math.min(apdu.length, 5 + b4));
        if (apdu.length == 5 + b4) {
            return new CommandApdu(cla, ins, p1, p2, data, 0);
        }
        if (apdu.length == 6 + b4) {
            int le = apdu[5 + b4] & 0xFF;
            return new CommandApdu(cla, ins, p1, p2, data, le == 0 ? 256 : le);
        }
        return null;
    }

    boolean hasData() {
        return data.length > 0;
    }
}
