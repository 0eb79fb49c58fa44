package jp.jpkigate.feed.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import jp.jpkigate.feed.poll.PollRequest;
import jp.jpkigate.feed.poll.PollRequestException;
import jp.jpkigate.feed.poll.PollService;
import jp.jpkigate.feed.push.DeliveryMethod;
import jp.jpkigate.feed.push.FeedDestinations;
import jp.jpkigate.idp.json.JsonNesting;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.web.FormBody;

/**
 * {@code POST /feed/v1/poll} (RFC 8936 §2.4): the body is read (at most {@code maxBodyBytes}, else
 * 413), the access token checked ({@link PollAccess}: the caller's own stream only), the business
 * must be registered for poll delivery (else 403 {@code access_denied}), then the request is parsed
 * ({@link PollRequest}: 400 {@code invalid_request} when malformed) and served ({@link PollService}):
 * 200 {@code {"sets": {...}, "moreAvailable": bool}}. Errors are the RFC 8935 §2.3 JSON
 * {@code {"err", "description"}}; anything else goes to the router's failure handler.
 */
final class PollEndpoint implements Handler<RoutingContext> {
    private final PollService poll;
    private final PollAccess access;
    private final FeedDestinations destinations;
    private final int maxBodyBytes;

    PollEndpoint(PollService poll, PollAccess access, FeedDestinations destinations, int maxBodyBytes) {
        this.poll = Objects.requireNonNull(poll, "poll");
        this.access = Objects.requireNonNull(access, "access");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        FormBody.body(ctx.request(), maxBodyBytes)
                .compose(body -> access.clientId(ctx).compose(clientId -> {
                    if (destinations.of(clientId).filter(d -> d.method() == DeliveryMethod.POLL).isEmpty()) {
                        return Future.failedFuture(new PollRequestException("access_denied",
                                "this client does not receive the feed by polling"));
                    }
                    String text = body.toString(StandardCharsets.UTF_8);
                    if (JsonNesting.exceeds(text, JsonNesting.MAX_DEPTH)) {
                        return Future.failedFuture(new PollRequestException("the body nests deeper than "
                                + JsonNesting.MAX_DEPTH + " levels"));
                    }
                    PollRequest request;
                    try {
                        request = PollRequest.parse(text);
                    } catch (PollRequestException e) {
                        return Future.failedFuture(e);
                    }
                    return poll.poll(clientId, request, () -> response.closed() || response.ended());
                }))
                .compose(answer -> write(response, 200, answer.toJson()))
                .onFailure(failure -> {
                    if (failure instanceof PollRequestException e) {
                        write(response, e.err().equals("access_denied") ? 403 : 400, error(e.err(), e.description()));
                    } else if (failure instanceof OAuthException e) {
                        write(response, e.error().httpStatus(), error("invalid_request",
                                e.error().description().orElse("malformed request")));
                    } else if (!access.answer(response, failure)) {
                        ctx.fail(failure);
                    }
                });
    }

    private static JsonObject error(String err, String description) {
        return new JsonObject().put("err", err).put("description", description);
    }

    private static Future<Void> write(HttpServerResponse response, int status, JsonObject body) {
        if (response.ended() || response.headWritten() || response.closed()) {
            return Future.succeededFuture();
        }
        return response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
