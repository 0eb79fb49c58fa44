package jp.jpkigate.feed.receiver;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 8936 poll delivery, the receiver's side: {@code POST <poll endpoint>} with
 * {@code {"ack": [...], "setErrs": {...}, "maxEvents": n, "returnImmediately": true}}, then each SET
 * of the answer {@code {"sets": {jti: SET}, "moreAvailable": bool}} is verified in order
 * ({@link EventInbox}); accepted and duplicate SETs are acknowledged and refused ones reported in
 * {@code setErrs} with the next poll (§2.4). A SET that could not be judged (the OP's keys could not
 * be fetched) is neither, so it comes again. Acknowledgements that could not be sent are kept for
 * the next poll. One poll at a time per instance.
 */
public final class PollClient {
    private final WebClient web;
    private final URI endpoint;
    private final EventInbox inbox;
    private final int maxEvents;
    private final List<String> pendingAcks = new ArrayList<>();
    private final JsonObject pendingErrors = new JsonObject();

    /** What one poll brought. */
    public record PollResult(int accepted, int duplicates, int rejected, boolean moreAvailable) {
    }

    public PollClient(WebClient web, URI endpoint, EventInbox inbox, int maxEvents) {
        this.web = Objects.requireNonNull(web, "web");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be positive");
        }
        this.maxEvents = maxEvents;
    }

    /**
     * One poll.
     *
     * @param authorization the request's access-token headers, fresh for each poll: for example
     *                      {@code Authorization: Bearer <token>}, or {@code Authorization: DPoP <token>}
     *                      with its {@code DPoP} proof for this endpoint and method
     */
    public Future<PollResult> poll(Map<String, String> authorization) {
        List<String> acks = List.copyOf(pendingAcks);
        JsonObject errors = pendingErrors.copy();
        JsonObject body = new JsonObject().put("ack", new JsonArray(acks)).put("maxEvents", maxEvents)
                .put("returnImmediately", true);
        if (!errors.isEmpty()) {
            body.put("setErrs", errors);
        }
        var request = web.postAbs(endpoint.toString()).followRedirects(false).timeout(30_000)
                .putHeader("Accept", "application/json");
        authorization.forEach(request::putHeader);
        return request.sendJsonObject(body).compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture("the poll endpoint answered status " + response.statusCode());
            }
            pendingAcks.removeAll(acks);
            errors.fieldNames().forEach(pendingErrors::remove);
            JsonObject answer;
            try {
                answer = response.bodyAsJsonObject();
            } catch (RuntimeException e) {
                return Future.failedFuture("the poll endpoint did not answer a JSON object");
            }
            JsonObject sets = answer == null ? null : answer.getJsonObject("sets");
            if (sets == null) {
                return Future.failedFuture("the poll answer has no \"sets\" object");
            }
            boolean more = Boolean.TRUE.equals(answer.getValue("moreAvailable"));
            return receiveAll(sets, more);
        });
    }

    private Future<PollResult> receiveAll(JsonObject sets, boolean more) {
        int[] counts = new int[3];
        Future<Void> chain = Future.succeededFuture();
        for (String jti : sets.fieldNames()) {
            Object token = sets.getValue(jti);
            chain = chain.compose(v -> inbox.receive(token instanceof String s ? s : "")
                    .map(outcome -> {
                        counts[outcome instanceof SetVerifier.Outcome.Accepted ? 0 : 1]++;
                        pendingAcks.add(jti);
                        return (Void) null;
                    })
                    .recover(failure -> {
                        if (failure instanceof SetRejectedException rejected) {
                            counts[2]++;
                            pendingErrors.put(jti, rejected.error().toJson(rejected.description()));
                        }
                        return Future.succeededFuture();
                    }));
        }
        return chain.map(v -> new PollResult(counts[0], counts[1], counts[2], more));
    }

    /** The jtis to acknowledge with the next poll. */
    public List<String> pendingAcknowledgements() {
        return List.copyOf(pendingAcks);
    }
}
