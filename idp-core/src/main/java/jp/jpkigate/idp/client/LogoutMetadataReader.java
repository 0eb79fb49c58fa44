package jp.jpkigate.idp.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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
        return EndpointUris.read(name, value, problems);
    }
}
