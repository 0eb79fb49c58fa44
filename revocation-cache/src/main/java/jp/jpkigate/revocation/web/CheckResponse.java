package jp.jpkigate.revocation.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.service.CheckResult;

/**
 * The answer of {@code POST /revocation/v1/check}, one result per item in request order:
 * <pre>
 * {"results": [{"status": "good" | "revoked" | "unknown",
 *               "reason": "affiliationChanged",        revoked: RFC 5280 5.3.1 name
 *               "revocationDate": "2026-11-19",        revoked: UTC day
 *               "source": "crl" | "ocsp", "dataVersion": 7,
 *               "dataAsOf": "2026-11-20T02:00:00Z", "dataAgeSeconds": 3600,
 *               "detail": "...",                       unknown only: why (fail closed)
 *               "serial": "1A2B", "issuer": "AB12..."}],   upper-case hex; issuer when known
 *  "checkedAt": "2026-11-20T03:00:00Z"}
 * </pre>
 */
record CheckResponse(List<CheckItem> items, List<CheckResult> results, Instant checkedAt) {

    JsonObject toJson() {
        JsonArray array = new JsonArray();
        for (int i = 0; i < items.size(); i++) {
            array.add(result(items.get(i), results.get(i)));
        }
        return new JsonObject().put("results", array).put("checkedAt", checkedAt.toString());
    }

    private JsonObject result(CheckItem item, CheckResult result) {
        JsonObject json = new JsonObject();
        if (result instanceof CheckResult.Good good) {
            json.put("status", "good");
            data(json, good.source(), good.version(), good.asOf());
        } else if (result instanceof CheckResult.Revoked revoked) {
            json.put("status", "revoked").put("reason", reasonName(revoked.reason()))
                    .put("revocationDate", revoked.revocationDate().toString());
            data(json, revoked.source(), revoked.version(), revoked.asOf());
        } else {
            json.put("status", "unknown").put("detail", ((CheckResult.Unknown) result).why());
        }
        json.put("serial", item.serial().toString(16).toUpperCase(Locale.ROOT));
        item.issuer().ifPresent(issuer -> json.put("issuer", issuer.keyIdHex()));
        return json;
    }

    private void data(JsonObject json, CheckResult.Source source, long version, Instant asOf) {
        long age = Math.max(0, Duration.between(asOf, checkedAt).getSeconds());
        json.put("source", source.name().toLowerCase(Locale.ROOT)).put("dataVersion", version)
                .put("dataAsOf", asOf.toString()).put("dataAgeSeconds", age);
    }

    /** The RFC 5280 5.3.1 spelling of a CRLReason. */
    static String reasonName(CrlReason reason) {
        return switch (reason) {
            case UNSPECIFIED -> "unspecified";
            case KEY_COMPROMISE -> "keyCompromise";
            case CA_COMPROMISE -> "cACompromise";
            case AFFILIATION_CHANGED -> "affiliationChanged";
            case SUPERSEDED -> "superseded";
            case CESSATION_OF_OPERATION -> "cessationOfOperation";
            case CERTIFICATE_HOLD -> "certificateHold";
            case REMOVE_FROM_CRL -> "removeFromCRL";
            case PRIVILEGE_WITHDRAWN -> "privilegeWithdrawn";
            case AA_COMPROMISE -> "aACompromise";
        };
    }
}
