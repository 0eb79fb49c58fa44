package jp.jpkigate.feed.receiver;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.feed.set.EventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference receiver a business can run to see and verify the feed's SETs: a small Vert.x HTTP
 * server.
 * <ul>
 *   <li>{@code POST /events} — RFC 8935 push: {@code Content-Type: application/secevent+jwt}, the
 *       body one SET (at most {@link SetVerifier#MAX_TOKEN_CHARS} characters). Answers {@code 202}
 *       for an accepted or duplicate SET (a duplicate is not handed to the application twice), or
 *       {@code 400} with {@code {"err", "description"}} (RFC 8935 §2.3); {@code 503} only when the
 *       OP's JWK Set cannot be fetched (the SET was not judged: retry).</li>
 *   <li>{@code GET /events} — {@code {"events": [...]}}, the accepted SETs ({@link ReceivedSet#toJson()}),
 *       oldest first.</li>
 * </ul>
 * Run it with {@link #main} ({@link ReceiverOptions}); with {@code --poll-endpoint} it also polls
 * (RFC 8936, {@link PollClient}). Verification (one decryption and one signature check) runs on the
 * event loop: well under a millisecond for EC keys.
 */
public final class ReferenceReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceReceiver.class);
    /** The body limit in bytes: a SET is characters of base64url. */
    static final int MAX_BODY = SetVerifier.MAX_TOKEN_CHARS;

    private final Vertx vertx;
    private final EventInbox inbox;

    public ReferenceReceiver(Vertx vertx, EventInbox inbox) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    public EventInbox inbox() {
        return inbox;
    }

    /** Starts the server; the future completes once it listens ({@code port} 0: any free port). */
    public Future<HttpServer> listen(int port) {
        return vertx.createHttpServer().requestHandler(router()).listen(port, "0.0.0.0");
    }

    Router router() {
        Router router = Router.router(vertx);
        router.post("/events").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
                .handler(this::checkContentType)
                .handler(this::push)
                .failureHandler(ReferenceReceiver::refuse);
        router.get("/events").handler(ctx -> ctx.json(new JsonObject().put("events", inbox.toJson())));
        return router;
    }

    private void checkContentType(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!EventTypes.MEDIA_TYPE.equals(media)) {
            error(ctx, SetError.INVALID_REQUEST, "Content-Type must be " + EventTypes.MEDIA_TYPE);
            return;
        }
        ctx.next();
    }

    private void push(RoutingContext ctx) {
        String token = ctx.body().asString(StandardCharsets.US_ASCII.name());
        inbox.receive(token == null ? "" : token.strip()).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().setStatusCode(202).end();
            } else if (result.cause() instanceof SetRejectedException rejected) {
                error(ctx, rejected.error(), rejected.description());
            } else {
                LOG.warn("a SET could not be judged: {}", result.cause().getMessage());
                ctx.response().setStatusCode(503).putHeader("Retry-After", "30").end();
            }
        });
    }

    /** Body too large or unreadable: an RFC 8935 error, never a 5xx for what the client sent. */
    private static void refuse(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return;
        }
        if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            error(ctx, SetError.INVALID_REQUEST, ctx.statusCode() == 413 ? "the SET is too large" : "the request is malformed");
        } else {
            LOG.error("push failed", ctx.failure());
            ctx.response().setStatusCode(500).end();
        }
    }

    private static void error(RoutingContext ctx, SetError error, String description) {
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                .end(error.toJson(description).encode());
    }

    /** Reads the business's private encryption keys: one JWK or a JWK Set, each private with a kid. */
    static JWKSet readKeys(Path file) throws IOException, java.text.ParseException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonObject json = new JsonObject(text);
        JWKSet set = json.containsKey("keys") ? JWKSet.parse(text) : new JWKSet(JWK.parse(text));
        if (set.getKeys().isEmpty() || set.getKeys().stream().anyMatch(k -> !k.isPrivate() || k.getKeyID() == null)) {
            throw new java.text.ParseException(file + " must hold private JWKs, each with a kid", 0);
        }
        return set;
    }

    /** Starts the receiver; see {@link ReceiverOptions} for the arguments. */
    public static void main(String[] args) throws Exception {
        ReceiverOptions options;
        try {
            options = ReceiverOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        JWKSet keys = readKeys(options.keyFile());
        Vertx vertx = Vertx.vertx();
        WebClient web = WebClient.create(vertx);
        Clock clock = Clock.systemUTC();
        SetVerifier verifier = new SetVerifier(options.issuer(), options.clientId(), keys,
                new InMemoryReplayGuard(100_000, options.maxAge(), clock), clock, Duration.ofMinutes(1), options.maxAge());
        OpKeys opKeys = new RemoteOpKeys(web, options.jwksUrl(), clock, options.jwksTtl(), Duration.ofMinutes(1));
        EventInbox inbox = new EventInbox(verifier, opKeys, 1000);
        ReferenceReceiver receiver = new ReferenceReceiver(vertx, inbox);
        receiver.listen(options.port()).onSuccess(server -> LOG.info("receiving SETs for {} at http://localhost:{}/events",
                options.clientId(), server.actualPort())).onFailure(e -> {
                    LOG.error("could not listen: {}", e.getMessage());
                    vertx.close();
                });
        options.pollEndpoint().ifPresent(endpoint -> {
            PollClient poll = new PollClient(web, endpoint, inbox, 100);
            Map<String, String> headers = Map.of("Authorization", options.authorization().orElseThrow());
            pollForever(vertx, poll, headers, options.pollInterval());
        });
    }

    /** Polls, then again {@code interval} after each poll ends: never two at once. */
    private static void pollForever(Vertx vertx, PollClient poll, Map<String, String> headers, Duration interval) {
        vertx.setTimer(interval.toMillis(), id -> poll.poll(headers)
                .onSuccess(r -> LOG.info("polled: {}", r))
                .onFailure(e -> LOG.warn("poll failed: {}", e.getMessage()))
                .onComplete(r -> pollForever(vertx, poll, headers, interval)));
    }
}
