package jp.jpkigate.idp.endpoint;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.admin.AdminAudit;
import jp.jpkigate.idp.admin.AuditRecord;
import jp.jpkigate.idp.web.AdminAuthenticationHandler;
import jp.jpkigate.idp.web.OAuthResponses;

/**
 * {@code GET /admin/audit?after=<id>&limit=<n>}: audit records after {@code after} (default: from
 * the first), oldest first, at most {@code limit} (1-1000, default 100), as
 * {@code {"records": [...], "next": <last id>}}; page on with {@code after=<next>}.
 */
public final class AdminAuditEndpoint implements Handler<RoutingContext> {
    private final AdminAudit audit;

    public AdminAuditEndpoint(AdminAudit audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<String> after = Optional.ofNullable(ctx.queryParams().get("after"));
        audit.read(AdminAuthenticationHandler.principal(ctx), after, Optional.ofNullable(ctx.queryParams().get("limit")))
                .compose(records -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("records", records.stream().map(AuditRecord::toJsonObject).toList());
                    body.put("next", records.isEmpty() ? after.orElse("0") : records.get(records.size() - 1).id().orElseThrow());
                    return OAuthResponses.json(ctx.response(), 200, body);
                })
                .onFailure(ctx::fail);
    }
}
