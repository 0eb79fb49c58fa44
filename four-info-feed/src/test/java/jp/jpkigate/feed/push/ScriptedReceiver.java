package jp.jpkigate.feed.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A business's RFC 8935 receiver for tests: a Vert.x HTTP server on a free port that answers each
 * POSTed SET as the current script says (a status and body, or never), and records what it
 * accepted, in order, and how often each SET came.
 */
final class ScriptedReceiver {
    /** An answer: {@code status} 0 means never answer (the sender times out). */
    record Reply(int status, String body, Map<String, String> headers) {
        static Reply of(int status) {
            return new Reply(status, "", Map.of());
        }

        static Reply error(String err) {
            return new Reply(400, "{\"err\":\"" + err + "\",\"description\":\"scripted\"}", Map.of());
        }

        static final Reply ACCEPT = of(202);
        static final Reply HANG = of(0);
    }

    private final HttpServer server;
    private volatile Function<String, Reply> script = body -> Reply.ACCEPT;
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final List<String> protocolErrors = new CopyOnWriteArrayList<>();

    private ScriptedReceiver(HttpServer server) {
        this.server = server;
    }

    static Future<ScriptedReceiver> start(Vertx vertx) {
        HttpServer server = vertx.createHttpServer();
        ScriptedReceiver receiver = new ScriptedReceiver(server);
        server.requestHandler(receiver::handle);
        return server.listen(0, "127.0.0.1").map(s -> receiver);
    }

    void script(Function<String, Reply> script) {
        this.script = script;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/events");
    }

    int times(String body) {
        AtomicInteger n = received.get(body);
        return n == null ? 0 : n.get();
    }

    Future<Void> close() {
        return server.close();
    }

    private void handle(HttpServerRequest request) {
        if (!"application/secevent+jwt".equals(request.getHeader("Content-Type"))
                || !"application/json".equals(request.getHeader("Accept")) || !request.path().equals("/events")) {
            protocolErrors.add(request.method() + " " + request.path() + " " + request.headers());
        }
        request.body().onSuccess(buffer -> {
            String body = buffer.toString();
            received.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
            Reply reply = script.apply(body);
            if (reply.status() == 0) {
                return;
            }
            if (reply.status() >= 200 && reply.status() < 300) {
                accepted.add(body);
            }
            request.response().setStatusCode(reply.status());
            reply.headers().forEach(request.response()::putHeader);
            if (!reply.body().isEmpty()) {
                request.response().putHeader("Content-Type", "application/json");
            }
            request.response().end(reply.body());
        });
    }
}
