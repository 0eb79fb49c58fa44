package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTML for the login pages: templates from {@code pages/} on the classpath with {@code {{name}}}
 * placeholders (values escaped here unless named {@code qrSvg}), and the security headers every page
 * carries — a strict CSP without inline scripts ({@code script-src 'self'}), no framing, no
 * referrer, no caching.
 */
final class Html {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private Html() {
    }

    /** Reads a classpath resource (blocking: call while building the routes, never on an event loop). */
    static String resource(String path) {
        try (InputStream in = Html.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String value = e.getKey().equals("qrSvg") ? e.getValue() : escape(e.getValue());
            out = out.replace("{{" + e.getKey() + "}}", value);
        }
        return out;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
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
        return out.toString();
    }

    static HttpServerResponse secure(HttpServerResponse response) {
        return response.putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
    }

    static Future<Void> page(HttpServerResponse response, int status, String html) {
        if (response.ended() || response.headWritten()) {
            return Future.succeededFuture();
        }
        return secure(response).setStatusCode(status).putHeader("Content-Type", "text/html;charset=UTF-8").end(html);
    }
}
