package jp.jpkigate.idp.json;

/**
 * A cheap check of JSON text before a recursive parser sees it: how deeply arrays and objects nest,
 * counting brackets outside strings in one pass without building anything. Jackson (behind Vert.x's
 * {@code JsonObject}) allows 1,000 levels and descends one stack frame or more per level, enough to
 * overflow a small thread stack; request bodies that nest deeper than a few levels are refused
 * first with a clear 400. Never throws: text that is not JSON is left for the parser to refuse.
 */
public final class JsonNesting {
    /** Deep enough for every request body of this gateway (they nest two or three levels). */
    public static final int MAX_DEPTH = 32;

    private JsonNesting() {
    }

    /** Whether {@code text} nests arrays and objects deeper than {@code limit} levels. */
    public static boolean exceeds(CharSequence text, int limit) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > limit) {
                    return true;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return false;
    }
}
