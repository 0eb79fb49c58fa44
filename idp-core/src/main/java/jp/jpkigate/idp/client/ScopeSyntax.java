package jp.jpkigate.idp.client;

/** RFC 6749 §3.3 scope syntax: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. */
public final class ScopeSyntax {
    private ScopeSyntax() {
    }

    public static boolean isScopeToken(String token) {
        if (token.isEmpty() || token.length() > 128) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
