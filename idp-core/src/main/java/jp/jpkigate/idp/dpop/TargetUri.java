package jp.jpkigate.idp.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP target URI as RFC 9449 §4.3 compares it (check 9: "the htu claim matches the HTTP URI
 * value for the HTTP request in which the JWT was received, ignoring any query and fragment
 * parts"), after the syntax- and scheme-based normalisation the RFC asks for (RFC 3986 §6.2.2,
 * §6.2.3): scheme and host in lower case, the default port dropped, an empty path as {@code /},
 * dot segments removed, percent-encodings in upper case; query and fragment dropped. Only absolute
 * {@code http}/{@code https} URIs with a host and without user information are target URIs.
 *
 * <p>The server's side is built from the configured issuer (the public base URL) and the endpoint's
 * path, never from the request's {@code Host} header: behind a proxy the Host header is the proxy's
 * business and an attacker's input.
 */
public record TargetUri(String value) {
    private static final Pattern PERCENT = Pattern.compile("%[0-9a-fA-F]{2}");
    private static final int MAX_LENGTH = 2048;

    public TargetUri {
        Objects.requireNonNull(value, "value");
    }

    /** The target URI of a configured endpoint URL; a bad URL is a configuration error. */
    public static TargetUri of(String endpoint) {
        return parse(endpoint).orElseThrow(() -> new IllegalArgumentException("not an http(s) endpoint URL: " + endpoint));
    }

    /** The normalised form of a client's {@code htu}, or empty when it is not an http(s) URI. */
    public static Optional<TargetUri> parse(String htu) {
        if (htu == null || htu.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(htu);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getRawAuthority() == null
                    || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
            String path = uri.normalize().getRawPath();
            return Optional.of(new TargetUri(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (defaultPort ? "" : ":" + port) + (path == null || path.isEmpty() ? "/" : upperCasePercentEncodings(path))));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String upperCasePercentEncodings(String path) {
        Matcher m = PERCENT.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group().toUpperCase(Locale.ROOT));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
