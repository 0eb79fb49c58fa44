package jp.jpkigate.idp.client;

import java.util.List;

/** The client registry JSON is unusable; lists every mistake found, each naming its client. */
public final class ClientRegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ClientRegistryException(List<String> problems) {
        super("client registry: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
