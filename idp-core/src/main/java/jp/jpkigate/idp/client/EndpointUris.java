package jp.jpkigate.idp.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rule for the endpoints a client registers for the OP to call or send the browser to (logout
 * URIs, the feed endpoint): absolute, {@code https} (or {@code http} on a loopback host, for
 * development), without fragment, at most 2000 characters.
 */
final class EndpointUris {
    static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private EndpointUris() {
    }

    /** The URI, or empty after reporting to {@code problems} why {@code value} (member {@code name}) is refused. */
    static Optional<URI> read(String name, Object value, Consumer<String> problems) {
        if (!(value instanceof String text)) {
            problems.accept(name + " must be a string");
            return Optional.empty();
        }
        String shown = ClientRegistry.printable(text);
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (text.length() <= 2000 && !host.isEmpty() && uri.getRawFragment() == null
                    && (scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(host))) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.accept(name + " " + shown + " must be an absolute https URI without fragment, at most 2000 characters"
                + " (http only on localhost / 127.0.0.1 / [::1])");
        return Optional.empty();
    }
}
