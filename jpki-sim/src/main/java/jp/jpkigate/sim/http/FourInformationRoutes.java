package jp.jpkigate.sim.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.consent.ProvisionRequest;

/**
 * J-LIS's provision of the latest 4 information to the platform operator (the simulator's format):
 * <pre>
 * POST /jlis/four-information   {"registry_id", "certificate_serial": hex, "issuer": "sign-2026"}
 *   200 {"status": "updated", "issuer": "sign-2026", "certificate_serial": hex of the current signature certificate,
 *        "four_information": {"name", "address", "birthdate", "gender"}   only the consented items,
 *        "withheld": ["address"]}                                          only when the address is withheld
 *   200 {"status": "no_new_certificate"}   while the person has no newer signature certificate in force
 *   400 bad-request; 403 consent-not-in-force, certificate-not-of-person; 404 unknown-consent
 * </pre>
 * The encodings are J-LIS's, as in the signature certificate: "name" family name, U+3000, given name
 * (substitute characters kept), "address" from the prefecture on, "birthdate" yyyy-MM-dd (Gregorian),
 * "gender" "1" male, "2" female, "3" unknown. See {@link ConsentRegistry#provide}.
 */
final class FourInformationRoutes {
    private final ConsentRegistry consents;

    private FourInformationRoutes(ConsentRegistry consents) {
        this.consents = consents;
    }

    static void mount(Router router, ConsentRegistry consents) {
        JlisExchange.jsonBody(router.post("/jlis/four-information")).handler(new FourInformationRoutes(consents)::provide);
    }

    private void provide(RoutingContext ctx) {
        JsonObject body = JlisExchange.body(ctx);
        if (body != null) {
            JlisExchange.answer(ctx, 200, () -> JlisJson.provision(consents.provide(ProvisionRequest.parse(body))));
        }
    }
}
