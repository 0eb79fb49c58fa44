package jp.jpkigate.consent.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jp.jpkigate.consent.ConsentItems;
import jp.jpkigate.consent.invitation.CustomerNumber;
import jp.jpkigate.idp.client.ApiScopes;

/**
 * {@code GET /consent/v1/customers/{customer_number}/consent} ({@code consent:read}) → 200
 * <pre>
 * {"customer_number", "status": "pending" | "active" | "withdrawn" | "expired", "consent_id"?,
 *  "invitation_id"?, "items", "purpose", "signed_at"?, "valid_until"? (yyyy-MM-dd, Japan), "withdrawn_at"?}
 * </pre>
 * ({@link CustomerConsents}); 404 when the business never invited that customer. The customer number is
 * the business's own identifier between it and the platform, not the person's data, so it may stand in
 * the path; a malformed one is 400.
 */
public final class CustomerConsentEndpoint implements Handler<RoutingContext> {
    private static final Set<String> SCOPES = Set.of(ApiScopes.CONSENT_READ);

    private final BusinessAuthentication authentication;
    private final CustomerConsents customers;

    public CustomerConsentEndpoint(BusinessAuthentication authentication, CustomerConsents customers) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    @Override
    public void handle(RoutingContext ctx) {
        String customer = ctx.pathParam("customer_number");
        ApiAnswers.send(ctx, 200, authentication.business(ctx, SCOPES)
                .compose(business -> CustomerNumber.isValid(customer)
                        ? customers.find(business, customer).compose(found -> found.map(Future::succeededFuture)
                                .orElseGet(() -> Future.failedFuture(ApiAnswers.notFound("customer"))))
                        : Future.<CustomerConsent>failedFuture(ApiAnswers.badRequest("customer_number must be 1 to "
                                + CustomerNumber.MAX_LENGTH + " characters of A-Z a-z 0-9 - _ .")))
                .map(CustomerConsentEndpoint::json));
    }

    static Map<String, Object> json(CustomerConsent c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customer_number", c.customerNumber());
        json.put("status", c.status().wireName());
        c.consentId().ifPresent(id -> json.put("consent_id", id));
        c.invitationId().ifPresent(id -> json.put("invitation_id", id));
        json.put("items", ConsentItems.wireNames(c.items()));
        json.put("purpose", c.purpose());
        c.signedAt().ifPresent(t -> json.put("signed_at", t.toString()));
        c.validUntil().ifPresent(d -> json.put("valid_until", d.toString()));
        c.withdrawnAt().ifPresent(t -> json.put("withdrawn_at", t.toString()));
        return json;
    }
}
