package jp.jpkigate.gateway.config;

import java.util.List;

/**
 * The configuration is invalid. Carries every mistake found, so an operator can fix them all at
 * once; the message has one line per mistake, such as {@code http.port: must be 0..65535, got 70000}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> mistakes;

    /** Creates the exception; {@code mistakes} must not be empty. */
    public ConfigException(List<String> mistakes) {
        super(String.join("\n", mistakes));
        if (mistakes.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one mistake");
        }
        this.mistakes = List.copyOf(mistakes);
    }

    /** Every mistake, one human-readable line each, in the order found. */
    public List<String> mistakes() {
        return mistakes;
    }
}
