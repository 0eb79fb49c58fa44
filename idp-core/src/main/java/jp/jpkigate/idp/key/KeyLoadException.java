package jp.jpkigate.idp.key;

import java.util.List;

/** The signing keys could not be loaded; lists every problem found, each naming its file. */
public final class KeyLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public KeyLoadException(List<String> problems) {
        super("signing keys: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
