package jp.jpkigate.sim.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.consent.Registration;
import jp.jpkigate.sim.consent.SignedStatement;

/**
 * J-LIS's consent registry as the platform operator reaches it (the real message formats are not
 * public; these are the simulator's). JSON in and out; refusals are problem documents whose type
 * names the {@link jp.jpkigate.sim.consent.Refusal}.
 * <pre>
 * POST /jlis/consents   {"consent_id", "business_id", "business_name", "items": [...],
 *                        "statement", "signature", "certificate"}              (see Registration)
 *   201 {"registry_id", "consent_id", "business_id", "status": "active", "recorded_at", "valid_until"}
 *   200 the same consent again, as it is now, for a repeated consent_id with the same content
 *   400 bad-request, unknown-certificate, not-signature-certificate, bad-signature
 *   409 certificate-revoked, certificate-expired, consent-id-conflict
 * POST /jlis/consents/{registry_id}/withdrawal   {"statement", "signature", "certificate"}
 *   200 the consent, now {"status": "withdrawn", "withdrawn_at", "withdrawn_by": "business-platform"}
 *       (an already withdrawn one as it is: "withdrawn_by" may be "person")
 *   400 as above; 403 other-person; 404 unknown-consent; 409 certificate-revoked, certificate-expired,
 *       consent-ended (replaced or expired)
 * GET  /jlis/consents/{registry_id}
 *   200 {"registry_id", "consent_id", "business_id", "status", "recorded_at", "valid_until",
 *        "withdrawn_at"?, "withdrawn_by"?}; 404 unknown-consent
 * GET  /jlis/consents?business_id=X&amp;after=CURSOR&amp;limit=N      every parameter optional; limit 1..1000, default 100
 *   200 {"changes": [{"cursor", "registry_id", "consent_id", "business_id", "status", "at", "withdrawn_by"?}],
 *        "next": CURSOR}   status: active (registered), withdrawn, replaced, expired; oldest first
 *   400 bad-request, unknown-cursor (a cursor beyond the newest change)
 * </pre>
 */
final class ConsentRoutes {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");
    private static final Pattern BUSINESS_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private final ConsentRegistry consents;

    private ConsentRoutes(ConsentRegistry consents) {
        this.consents = consents;
    }

    static void mount(Router router, ConsentRegistry consents) {
        ConsentRoutes routes = new ConsentRoutes(consents);
        JlisExchange.jsonBody(router.post("/jlis/consents")).handler(routes::register);
        JlisExchange.jsonBody(router.post("/jlis/consents/:registryId/withdrawal")).handler(routes::withdraw);
        router.get("/jlis/consents/:registryId").handler(routes::consent);
        router.get("/jlis/consents").handler(routes::changes);
    }

    private void register(RoutingContext ctx) {
        JsonObject body = JlisExchange.body(ctx);
        if (body != null) {
            JlisExchange.answer(ctx, () -> consents.register(Registration.parse(body)),
                    recorded -> recorded.created() ? 201 : 200, recorded -> JlisJson.consent(recorded.consent()));
        }
    }

    private void withdraw(RoutingContext ctx) {
        JsonObject body = JlisExchange.body(ctx);
        if (body != null) {
            String registryId = ctx.pathParam("registryId");
            JlisExchange.answer(ctx, 200,
                    () -> JlisJson.consent(consents.withdraw(registryId, SignedStatement.parse(body))));
        }
    }

    private void consent(RoutingContext ctx) {
        String registryId = ctx.pathParam("registryId");
        JlisExchange.answer(ctx, 200, () -> JlisJson.consent(consents.consent(registryId)));
    }

    private void changes(RoutingContext ctx) {
        String businessId = single(ctx, "business_id", BUSINESS_ID, "1 to 255 visible ASCII characters");
        String after = single(ctx, "after", CURSOR, "a cursor from an earlier answer");
        String limit = single(ctx, "limit", LIMIT, "1 to " + MAX_LIMIT);
        if (ctx.response().ended()) {
            return;
        }
        int size = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit);
        if (size < 1 || size > MAX_LIMIT) {
            Problem.badRequest("'limit' must be 1 to " + MAX_LIMIT).send(ctx);
            return;
        }
        long cursor = after == null ? 0 : Long.parseLong(after);
        JlisExchange.answer(ctx, 200, () -> JlisJson.changes(consents.changes(businessId, cursor, size)));
    }

    /** An optional query parameter given at most once and matching {@code pattern}; else sends a 400 (once). */
    private static String single(RoutingContext ctx, String name, Pattern pattern, String rule) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty() || ctx.response().ended()) {
            return null;
        }
        if (values.size() > 1 || !pattern.matcher(values.get(0)).matches()) {
            Problem.badRequest("'" + name + "' must be given once, as " + rule).send(ctx);
            return null;
        }
        return values.get(0);
    }
}
