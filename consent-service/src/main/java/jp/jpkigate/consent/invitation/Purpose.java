package jp.jpkigate.consent.invitation;

/**
 * Why the business wants the 4 information (利用目的), shown to the person and signed by them:
 * 1 to 200 characters, no control characters, not blank. Plain text; pages escape it.
 */
public final class Purpose {
    public static final int MAX_LENGTH = 200;

    private Purpose() {
    }

    public static String require(String value) {
        if (value == null || value.isBlank() || value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("purpose must be 1 to " + MAX_LENGTH + " characters of text");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || (Character.isSurrogate(c) && !validSurrogateAt(value, i))) {
                throw new IllegalArgumentException("purpose must not contain control characters or broken Unicode");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return value;
    }

    private static boolean validSurrogateAt(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }
}
