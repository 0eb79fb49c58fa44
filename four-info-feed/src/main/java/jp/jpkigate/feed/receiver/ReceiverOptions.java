package jp.jpkigate.feed.receiver;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference receiver's options, from {@code --name=value} arguments:
 * <ul>
 *   <li>{@code --port} (default 8099, 0 for any free port): where SETs are pushed
 *       ({@code POST /events}) and shown ({@code GET /events});</li>
 *   <li>{@code --client-id} (required): this business's client id, the SETs' {@code aud};</li>
 *   <li>{@code --key} (required): a file with the business's private encryption JWK, or a JWK Set of
 *       them (each with {@code kid}, as registered publicly with {@code "use": "enc"});</li>
 *   <li>{@code --issuer} (required): the OP's issuer identifier;</li>
 *   <li>{@code --jwks-url} (required): the OP's {@code jwks_uri}, fetched non-blocking and cached
 *       for {@code --jwks-ttl-seconds} (default 300);</li>
 *   <li>{@code --poll-endpoint} (optional): poll SETs there (RFC 8936) every
 *       {@code --poll-interval-seconds} (default 10) with {@code --authorization}, the value of the
 *       {@code Authorization} header (a Bearer token; DPoP needs the programmatic {@link PollClient});</li>
 *   <li>{@code --max-age-hours} (default 168): the oldest {@code iat} accepted.</li>
 * </ul>
 */
public record ReceiverOptions(int port, String clientId, Path keyFile, String issuer, URI jwksUrl, Duration jwksTtl,
                              Optional<URI> pollEndpoint, Optional<String> authorization, Duration pollInterval,
                              Duration maxAge) {
    public ReceiverOptions {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(pollEndpoint, "pollEndpoint");
        Objects.requireNonNull(authorization, "authorization");
    }

    public static final String USAGE = "usage: ReferenceReceiver --client-id=<id> --key=<private JWK file> --issuer=<OP issuer>"
            + " --jwks-url=<OP jwks_uri> [--port=8099] [--jwks-ttl-seconds=300] [--max-age-hours=168]"
            + " [--poll-endpoint=<url> --authorization=\"Bearer <token>\" [--poll-interval-seconds=10]]";

    /** @throws IllegalArgumentException listing every mistake */
    public static ReceiverOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                problems.add("not --name=value: " + arg);
            } else {
                given.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        List<String> known = List.of("port", "client-id", "key", "issuer", "jwks-url", "jwks-ttl-seconds", "poll-endpoint",
                "authorization", "poll-interval-seconds", "max-age-hours");
        given.keySet().stream().filter(k -> !known.contains(k)).forEach(k -> problems.add("unknown option --" + k));
        for (String required : List.of("client-id", "key", "issuer", "jwks-url")) {
            if (given.getOrDefault(required, "").isBlank()) {
                problems.add("--" + required + " is required");
            }
        }
        if (given.containsKey("poll-endpoint") != given.containsKey("authorization")) {
            problems.add("--poll-endpoint and --authorization go together");
        }
        int port = number(given, "port", 8099, 0, 65535, problems);
        int ttl = number(given, "jwks-ttl-seconds", 300, 1, 86_400, problems);
        int interval = number(given, "poll-interval-seconds", 10, 1, 86_400, problems);
        int maxAge = number(given, "max-age-hours", 168, 1, 24 * 365, problems);
        URI jwks = uri(given.get("jwks-url"), "--jwks-url", problems);
        URI poll = given.containsKey("poll-endpoint") ? uri(given.get("poll-endpoint"), "--poll-endpoint", problems) : null;
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems) + "\n" + USAGE);
        }
        return new ReceiverOptions(port, given.get("client-id"), Path.of(given.get("key")), given.get("issuer"), jwks,
                Duration.ofSeconds(ttl), Optional.ofNullable(poll), Optional.ofNullable(given.get("authorization")),
                Duration.ofSeconds(interval), Duration.ofHours(maxAge));
    }

    private static int number(Map<String, String> given, String name, int fallback, int min, int max, List<String> problems) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("--" + name + " must be a number from " + min + " to " + max);
        return fallback;
    }

    private static URI uri(String value, String name, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(name + " must be an http(s) URL");
        return null;
    }
}
