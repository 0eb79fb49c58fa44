package jp.jpkigate.sim.card;

/** ISO 7816-4 status words the JPKI application answers with. */
public final class StatusWord {
    public static final int OK = 0x9000;
    /** {@code 63 Cx}: verification failed or queried, x tries left; add the count to this base. */
    public static final int TRIES_LEFT_BASE = 0x63C0;
    public static final int WRONG_LENGTH = 0x6700;
    /** Security status not satisfied: VERIFY first. */
    public static final int SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    /** Authentication method blocked: the PIN or password is locked. */
    public static final int AUTHENTICATION_BLOCKED = 0x6984;
    /** Command not allowed: no current EF, or the EF is not of the right kind for the command. */
    public static final int COMMAND_NOT_ALLOWED = 0x6986;
    public static final int WRONG_DATA = 0x6A80;
    public static final int FILE_NOT_FOUND = 0x6A82;
    public static final int INCORRECT_P1_P2 = 0x6A86;
    /** Wrong parameters: offset outside the EF. */
    public static final int WRONG_PARAMETERS = 0x6B00;
    public static final int INS_NOT_SUPPORTED = 0x6D00;
    public static final int CLA_NOT_SUPPORTED = 0x6E00;

    private StatusWord() {
    }

    /** The {@code 63 Cx} word for x tries left (x capped at 15). */
    public static int triesLeft(int tries) {
        return TRIES_LEFT_BASE | Math.min(Math.max(tries, 0), 15);
    }

    /** Whether {@code sw} is a {@code 63 Cx} word. */
    public static boolean isTriesLeft(int sw) {
        return (sw & 0xFFF0) == TRIES_LEFT_BASE;
    }

    public static String hex(int sw) {
        return String.format("%04X", sw & 0xFFFF);
    }
}
