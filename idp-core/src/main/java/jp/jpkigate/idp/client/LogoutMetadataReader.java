package jp.jpkigate.idp.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a client's logout members ({@link LogoutMetadata}), reporting each problem: every URI is
 * absolute, {@code https} (or {@code http} on a loopback host, for development), without fragment,
 * at most 2000 characters; {@code backchannel_logout_session_required} needs a
 * {@code backchannel_logout_uri}.
 */
final class LogoutMetadataReader {
    /** The client metadata members read here. */
    static final Set<String> MEMBERS = Set.of("post_logout_redirect_uris", "backchannel_logout_uri",
            "backchannel_logout_session_required");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Map<?, ?> map;
    private final Consumer<String> problems;

    LogoutMetadataReader(Map<?, ?> map, Consumer<String> problems) {
        this.map = map;
        this.problems = problems;
    }

    LogoutMetadata read() {
        List<URI> postLogout = new ArrayList<>();
        Object list = map.get("post_logout_redirect_uris");
        if (list != null && !(list instanceof List<?>)) {
            problems.accept("post_logout_redirect_uris must be an array of URIs");
        } else if (list != null) {
            for (Object entry : (List<?>) list) {
                uri("post_logout_redirect_uris entry", entry).ifPresent(postLogout::add);
            }
        }
        Object backchannel = map.get("backchannel_logout_uri");
        Optional<URI> backchannelUri = backchannel == null ? Optional.empty() : uri("backchannel_logout_uri", backchannel);
        Object required = map.get("backchannel_logout_session_required");
        if (required != null && !(required instanceof Boolean)) {
            problems.accept("backchannel_logout_session_required must be true or false");
        }
        boolean sessionRequired = Boolean.TRUE.equals(required);
        if (sessionRequired && backchannel == null) {
            problems.accept("backchannel_logout_session_required needs a backchannel_logout_uri");
        }
        return new LogoutMetadata(postLogout, backchannelUri, sessionRequired);
    }

    private Optional<URI> uri(String name, Object value) {
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
