package jp.jpkigate.consent.invitation;

/**
 * A business's number for its customer (口座番号, 顧客番号, お客様番号): 1 to 64 characters of
 * {@code A–Z a–z 0–9 - _ .}. Wide enough for every bank's and carrier's numbering, narrow enough
 * that it can never carry markup, line breaks or a person's name into a page, a log or a signed
 * statement. It is the business's identifier, shown to the person and signed by them; it is never
 * put into a URL.
 */
public final class CustomerNumber {
    public static final int MAX_LENGTH = 64;

    private CustomerNumber() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The value, or {@link IllegalArgumentException} saying what is allowed. */
    public static String require(String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException("customer_number must be 1 to " + MAX_LENGTH
                    + " characters of A-Z a-z 0-9 - _ .");
        }
        return value;
    }
}
