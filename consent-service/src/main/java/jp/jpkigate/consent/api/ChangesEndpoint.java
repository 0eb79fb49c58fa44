package jp.jpkigate.consent.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.idp.client.ApiScopes;
import jp.jpkigate.idp.oauth.OAuthException;

/**
 * {@code GET /consent/v1/changes?cursor=…&limit=…} ({@code consent:read}): the business's consent status
 * changes after {@code cursor} (from the start without one), oldest first, at most {@code limit} (1 to
 * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) → 200
 * <pre>
 * {"changes": [{"cursor", "consent_id", "customer_number", "status", "at", "reason"?}], "next_cursor"}
 * </pre>
 * Poll again with {@code next_cursor}. A cursor this API did not hand out, a bad limit, or a parameter
 * given twice is 400 {@code invalid_request}.
 */
public final class ChangesEndpoint implements Handler<RoutingContext> {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> SCOPES = Set.of(ApiScopes.CONSENT_READ);

    private final BusinessAuthentication authentication;
    private final ConsentChangeLog changes;

    public ChangesEndpoint(BusinessAuthentication authentication, ConsentChangeLog changes) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    @Override
    public void handle(RoutingContext ctx) {
        ApiAnswers.send(ctx, 200, authentication.business(ctx, SCOPES)
                .compose(business -> {
                    Optional<String> cursor;
                    int limit;
                    try {
                        cursor = single(ctx, "cursor");
                        limit = limit(single(ctx, "limit"));
                    } catch (OAuthException e) {
                        return Future.failedFuture(e);
                    }
                    return changes.since(business, cursor, limit).recover(failure -> Future.failedFuture(
                            failure instanceof IllegalArgumentException ? ApiAnswers.badRequest("unknown cursor") : failure));
                })
                .map(ChangesEndpoint::json));
    }

    private static Optional<String> single(RoutingContext ctx, String name) throws OAuthException {
        List<String> values;
        try {
            values = ctx.queryParam(name);
        } catch (RuntimeException e) {
            throw ApiAnswers.badRequest("the query string is malformed");
        }
        if (values.size() > 1) {
            throw ApiAnswers.badRequest(name + " given more than once");
        }
        return values.stream().findFirst();
    }

    private static int limit(Optional<String> value) throws OAuthException {
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String text = value.get();
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw ApiAnswers.badRequest("limit must be 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(text);
    }

    private static Map<String, Object> json(ConsentChangeLog.Page page) {
        List<Object> entries = new ArrayList<>(page.entries().size());
        for (ConsentChangeLog.Entry entry : page.entries()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cursor", entry.cursor());
            json.put("consent_id", entry.change().consentId());
            json.put("customer_number", entry.change().customerNumber());
            json.put("status", entry.change().status().wireName());
            json.put("at", entry.change().at().toString());
            entry.change().reason().ifPresent(r -> json.put("reason", r));
            entries.add(json);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changes", entries);
        out.put("next_cursor", page.next());
        return out;
    }
}
