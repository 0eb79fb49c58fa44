package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTML for the login pages: templates from {@code pages/} on the classpath with {@code {{name}}}
 * placeholders (values escaped here unless named {@code qrSvg} or ending in {@code Html}, which
 * hold markup built from escaped parts), and the security headers every page carries — a strict
 * CSP without inline scripts ({@code script-src 'self'}), no framing, no referrer, no caching.
 * Pages with a form widen only {@code form-action} ({@link #cspWithForms}).
 */
public final class Html {
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private Html() {
    }

    /** Reads a classpath resource (blocking: call while building the routes, never on an event loop). */
    public static String resource(String path) {
        try (InputStream in = Html.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The template with each {@code {{name}}} of {@code values} replaced, in one pass: a value is
     * never searched for placeholders itself; placeholders without a value stay as they are.
     */
    public static String render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        int from = 0;
        for (int open = template.indexOf("{{"); open >= 0; open = template.indexOf("{{", from)) {
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                break;
            }
            String name = template.substring(open + 2, close);
            String value = values.get(name);
            if (value == null) {
                out.append(template, from, open + 2);
                from = open + 2;
                continue;
            }
            out.append(template, from, open);
            if (name.equals("qrSvg") || name.endsWith("Html")) {
                out.append(value);
            } else {
                escape(value, out);
            }
            from = close + 2;
        }
        return out.append(template, from, template.length()).toString();
    }

    public static String escape(String text) {
        return escape(text, new StringBuilder(text.length() + 16)).toString();
    }

    private static StringBuilder escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out;
    }

    /**
     * {@link #CSP} with {@code form-action} allowing {@code sources} instead of nothing. A form that
     * leads on to a client needs the client's origin too: Chrome applies form-action to the
     * redirects that follow the POST.
     */
    public static String cspWithForms(String sources) {
        return CSP.replace("form-action 'none'", "form-action " + sources);
    }

    /**
     * The CSP source of a redirect URI's origin ({@code https://rp.example:8443}, or {@code scheme:}
     * for an app's private-use scheme); empty when it is nothing a CSP can name safely.
     */
    static Optional<String> cspSource(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            return Optional.empty();
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of(scheme + ":");
        }
        String host = uri.getHost();
        if (host == null || !host.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]")) {
            return Optional.empty();
        }
        return Optional.of(scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }

    public static HttpServerResponse secure(HttpServerResponse response) {
        return secure(response, CSP);
    }

    public static HttpServerResponse secure(HttpServerResponse response, String csp) {
        return response.putHeader("Content-Security-Policy", csp)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
    }

    public static Future<Void> page(HttpServerResponse response, int status, String html) {
        return page(response, status, html, CSP);
    }

    public static Future<Void> page(HttpServerResponse response, int status, String html, String csp) {
        if (response.ended() || response.headWritten()) {
            return Future.succeededFuture();
        }
        return secure(response, csp).setStatusCode(status).putHeader("Content-Type", "text/html;charset=UTF-8").end(html);
    }

    /** A 303 See Other to {@code location} with the page headers (after a form POST, the browser GETs it). */
    public static Future<Void> seeOther(HttpServerResponse response, String location) {
        return secure(response).setStatusCode(303).putHeader("Location", location).end();
    }
}
