package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.web.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.revocation.responder.TestPki;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The {@link CheckShortcut} answers byte for byte as the router does: two servers over the same data, one
 * with the router alone and one with the shortcut ahead of it, get the same raw requests (valid, malformed,
 * unauthenticated, wrong content type, oversized, chunked, 100-continue, other paths and methods) and must
 * send the same raw responses; the usual ones must have been served by the shortcut.
 */
class CheckShortcutProperties {
    static Vertx vertx;
    static TestServer router;
    static TestServer shortcut;

    @BeforeContainer
    static void start() throws Exception {
        vertx = Vertx.vertx();
        router = await(TestServer.start(vertx));
        shortcut = await(TestServer.start(vertx, true));
    }

    @AfterContainer
    static void stop() throws Exception {
        await(vertx.close());
    }

    static final String SINGLE = new JsonObject().put("certificate", CheckRequestProperties.GOOD).encode();
    static final String REVOKED = new JsonObject().put("certificate", TestServer.base64(TestPki.issue(TestPki.SIGN_2026, 11)))
            .encode();
    static final String VALID_AUTH = TestServer.basic(TestServer.CLIENT_ID, TestServer.SECRET);

    /** A raw HTTP/1.1 request; {@code framing}: length, chunked, continue (Expect with a length), overlong or none. */
    record Request(String method, String path, String authorization, String contentType, byte[] body, String framing) {
        byte[] bytes() {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (framing) {
                case "length" -> head.append("Content-Length: ").append(body.length).append("\r\n");
                case "continue" -> head.append("Content-Length: ").append(body.length).append("\r\nExpect: 100-continue\r\n");
                case "chunked" -> head.append("Transfer-Encoding: chunked\r\n");
                // Announces more than the body limit, sends the body only: the answer comes from the head.
                case "overlong" -> head.append("Content-Length: ").append(CheckRequest.MAX_BODY + 1).append("\r\n");
                default -> {
                }
            }
            out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (framing.equals("chunked")) {
                out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(body);
                out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else if (!framing.equals("none")) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return method + " " + path + " auth=" + (authorization == null ? null : authorization.equals(VALID_AUTH) ? "valid" : "other")
                    + " type=" + contentType + " " + framing + " body=" + new String(body, 0, Math.min(body.length, 80),
                    StandardCharsets.UTF_8);
        }
    }

    /** The raw response of {@code server} to {@code request}: the head (after a 100 Continue, if any) and the body. */
    static String exchange(TestServer server, Request request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.bytes());
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            while (true) {
                String head = head(in);
                response.append(head);
                if (!head.startsWith("HTTP/1.1 100")) {
                    Matcher length = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(head);
                    int bytes = length.find() ? Integer.parseInt(length.group(1)) : 0;
                    return response.append(new String(in.readNBytes(bytes), StandardCharsets.ISO_8859_1)).toString();
                }
            }
        }
    }

    /** A response head, up to and with its empty line. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    static String sameAnswer(Request request) throws IOException {
        String expected = exchange(router, request);
        String actual = exchange(shortcut, request);
        assertThat(actual).as(request.toString()).isEqualTo(expected);
        assertThat(expected).as(request.toString()).matches("(?s)HTTP/1\\.1 (100 Continue\r\n\r\nHTTP/1\\.1 )?[234]\\d\\d .*");
        return actual;
    }

    @Property(tries = 200)
    void theShortcutAnswersAsTheRouter(@ForAll("requests") Request request) throws IOException {
        sameAnswer(request);
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> methods = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("POST")), net.jqwik.api.Tuple.of(1, Arbitraries.of("PUT", "GET", "DELETE")));
        Arbitrary<String> paths = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(CheckShortcut.PATH)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(CheckShortcut.PATH + "/", CheckShortcut.PATH + "?x=1",
                        "/revocation//v1/check", "/revocation/v1/Check", "/revocation/v1/check2")));
        Arbitrary<String> authorizations = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(VALID_AUTH)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(TestServer.basic(TestServer.CLIENT_ID, "wrong"),
                        TestServer.basic("nobody", TestServer.SECRET), "Basic !!!", "Bearer abc", "Basic ", "basic "
                                + VALID_AUTH.substring(6))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<String> contentTypes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("application/json; charset=utf-8", "Application/JSON", " application/json ",
                        "text/plain", "application/jsonx", "multipart/form-data; boundary=x",
                        "application/x-www-form-urlencoded")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(
                Arbitraries.of(SINGLE, REVOKED, CheckRequestProperties.VALID_CERTIFICATES, CheckRequestProperties.VALID_SERIALS,
                        "", "{}", "[]", "{\"certificate\":null}", "{\"certificate\":\"AAAA\"}")
                        .map(text -> text.getBytes(StandardCharsets.UTF_8)),
                mutated(SINGLE), mutated(CheckRequestProperties.VALID_SERIALS),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
        Arbitrary<String> framings = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("length")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("chunked", "continue", "none")));
        return Combinators.combine(methods, paths, authorizations, contentTypes, bodies, framings).as(Request::new);
    }

    /** {@code valid} with one character replaced, cut short or grown by one. */
    private static Arbitrary<byte[]> mutated(String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        return Combinators.combine(Arbitraries.integers().between(0, bytes.length - 1), Arbitraries.bytes(),
                Arbitraries.of("replace", "cut", "insert")).as((at, b, how) -> switch (how) {
                    case "replace" -> {
                        byte[] copy = bytes.clone();
                        copy[at] = b;
                        yield copy;
                    }
                    case "cut" -> Arrays.copyOf(bytes, at);
                    default -> {
                        byte[] copy = new byte[bytes.length + 1];
                        System.arraycopy(bytes, 0, copy, 0, at);
                        copy[at] = b;
                        System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                        yield copy;
                    }
                });
    }

    @Example
    void theUsualRequestsAreServedByTheShortcutAndAnswerAsTheRouter() throws IOException {
        int before = shortcut.shortcutServed.get();
        assertThat(sameAnswer(request(VALID_AUTH, "application/json", SINGLE))).startsWith("HTTP/1.1 200")
                .contains("\"status\":\"good\"").contains("Cache-Control: no-store");
        assertThat(sameAnswer(request(VALID_AUTH, "application/json; charset=utf-8", REVOKED))).startsWith("HTTP/1.1 200")
                .contains("\"status\":\"revoked\"");
        assertThat(sameAnswer(request(TestServer.basic(TestServer.CLIENT_ID, "wrong"), "application/json", SINGLE)))
                .startsWith("HTTP/1.1 401").contains("WWW-Authenticate: " + ClientAuthentication.CHALLENGE);
        assertThat(sameAnswer(request(null, "application/json", SINGLE))).startsWith("HTTP/1.1 401");
        assertThat(sameAnswer(request(VALID_AUTH, "application/json", "{\"certificate\":\"AAAA\"}")))
                .startsWith("HTTP/1.1 400").contains("invalid-certificate");
        assertThat(sameAnswer(request(VALID_AUTH, "application/json", "{"))).startsWith("HTTP/1.1 400");
        assertThat(shortcut.shortcutServed.get() - before).isEqualTo(6);
    }

    @Example
    void whatTheShortcutLeavesToTheRouterIsAnsweredAsBefore() throws IOException {
        int before = shortcut.shortcutServed.get();
        assertThat(sameAnswer(request(VALID_AUTH, "text/plain", SINGLE))).startsWith("HTTP/1.1 415");
        assertThat(sameAnswer(new Request("POST", CheckShortcut.PATH, VALID_AUTH, "application/json",
                SINGLE.getBytes(StandardCharsets.UTF_8), "chunked"))).startsWith("HTTP/1.1 200");
        assertThat(sameAnswer(new Request("POST", CheckShortcut.PATH, VALID_AUTH, "application/json",
                SINGLE.getBytes(StandardCharsets.UTF_8), "continue"))).startsWith("HTTP/1.1 100 Continue");
        assertThat(sameAnswer(new Request("GET", CheckShortcut.PATH, VALID_AUTH, null, new byte[0], "none")))
                .startsWith("HTTP/1.1 405").contains("Allow: POST");
        // Past the shortcut's size (64 KiB) the router reads the body; past the body limit it answers 413.
        String spaced = SINGLE.replace("{", "{" + " ".repeat(70_000));
        assertThat(sameAnswer(request(VALID_AUTH, "application/json", spaced))).startsWith("HTTP/1.1 200");
        assertThat(sameAnswer(new Request("POST", CheckShortcut.PATH, VALID_AUTH, "application/json",
                SINGLE.getBytes(StandardCharsets.UTF_8), "overlong"))).startsWith("HTTP/1.1 413");
        assertThat(shortcut.shortcutServed.get()).isEqualTo(before);
    }

    private static Request request(String authorization, String contentType, String body) {
        return new Request("POST", CheckShortcut.PATH, authorization, contentType, body.getBytes(StandardCharsets.UTF_8), "length");
    }
}
