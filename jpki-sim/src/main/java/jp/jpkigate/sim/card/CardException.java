package jp.jpkigate.sim.card;

import java.util.OptionalInt;

/** A card answered a command with an error status word. Messages never contain secrets. */
public final class CardException extends RuntimeException {
    private final int statusWord;

    public CardException(String action, int statusWord) {
        super(action + ": card answered " + StatusWord.hex(statusWord) + describe(statusWord));
        this.statusWord = statusWord;
    }

    public int statusWord() {
        return statusWord;
    }

    /** The tries left after a wrong secret ({@code 63 Cx}); empty for other errors. */
    public OptionalInt triesLeft() {
        return StatusWord.isTriesLeft(statusWord) ? OptionalInt.of(statusWord & 0x0F) : OptionalInt.empty();
    }

    /** Whether the secret is now locked: the locking try ({@code 63 C0}) or any try after ({@code 69 84}). */
    public boolean locked() {
        return statusWord == StatusWord.AUTHENTICATION_BLOCKED || statusWord == StatusWord.TRIES_LEFT_BASE;
    }

    /** A wrong secret that left tries ({@code 63 Cx}, x > 0). */
    public boolean wrongSecret() {
        return triesLeft().orElse(0) > 0;
    }

    private static String describe(int sw) {
        if (sw == StatusWord.TRIES_LEFT_BASE) {
            return " (wrong secret, now locked)";
        }
        if (StatusWord.isTriesLeft(sw)) {
            return " (wrong secret, " + (sw & 0x0F) + " tries left)";
        }
        switch (sw) {
            case StatusWord.AUTHENTICATION_BLOCKED: return " (locked)";
            case StatusWord.SECURITY_STATUS_NOT_SATISFIED: return " (security status not satisfied)";
            case StatusWord.FILE_NOT_FOUND: return " (file not found)";
            case StatusWord.WRONG_DATA: return " (wrong data)";
            default: return "";
        }
    }
}
