package jp.jpkigate.revocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.IssuerKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** {@link CheckResponse#toBuffer} writes the bytes the JsonObject tree it replaced encoded to. */
class CheckResponseProperties {

    /** The former writer, kept as the reference. */
    static JsonObject reference(List<CheckItem> items, List<CheckResult> results, Instant checkedAt) {
        JsonArray array = new JsonArray();
        for (int i = 0; i < items.size(); i++) {
            CheckItem item = items.get(i);
            CheckResult result = results.get(i);
            JsonObject json = new JsonObject();
            if (result instanceof CheckResult.Good good) {
                json.put("status", "good");
                data(json, good.source(), good.version(), good.asOf(), checkedAt);
            } else if (result instanceof CheckResult.Revoked revoked) {
                json.put("status", "revoked").put("reason", CheckResponse.reasonName(revoked.reason()))
                        .put("revocationDate", revoked.revocationDate().toString());
                data(json, revoked.source(), revoked.version(), revoked.asOf(), checkedAt);
            } else {
                json.put("status", "unknown").put("detail", ((CheckResult.Unknown) result).why());
            }
            json.put("serial", item.serial().toString(16).toUpperCase(Locale.ROOT));
            item.issuer().ifPresent(issuer -> json.put("issuer", issuer.keyIdHex()));
            array.add(json);
        }
        return new JsonObject().put("results", array).put("checkedAt", checkedAt.toString());
    }

    private static void data(JsonObject json, CheckResult.Source source, long version, Instant asOf, Instant checkedAt) {
        long age = Math.max(0, Duration.between(asOf, checkedAt).getSeconds());
        json.put("source", source.name().toLowerCase(Locale.ROOT)).put("dataVersion", version)
                .put("dataAsOf", asOf.toString()).put("dataAgeSeconds", age);
    }

    @Property(tries = 300)
    void sameBytesAsTheJsonTree(@ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 5) Integer> kinds,
                                @ForAll @Size(min = 12, max = 12) List<@LongRange(min = 0) Long> serials,
                                @ForAll @Size(min = 12, max = 12) List<@IntRange(min = -100_000, max = 100_000) Integer> ages,
                                @ForAll String detail, @ForAll @IntRange(min = 0, max = 9) int reason,
                                @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant checkedAt = Instant.parse("2026-11-20T03:00:00Z").plusNanos(nanos);
        List<CheckItem> items = new ArrayList<>();
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            BigInteger serial = BigInteger.valueOf(serials.get(i)).shiftLeft(kinds.get(i) * 17);
            // Up to ten distinct issuers in a response: more than the writer encodes once.
            items.add(new CheckItem.OfSerial(new IssuerKey(i % 2 == 0 ? "ab12" : "00FF0" + (i * 7 + kinds.get(0)) % 10), serial));
            Instant asOf = checkedAt.minusSeconds(ages.get(i)).minusMillis(i);
            results.add(switch (kinds.get(i)) {
                case 0 -> new CheckResult.Good(asOf, serials.get(i), CheckResult.Source.CRL);
                case 1 -> new CheckResult.Good(asOf, 0, CheckResult.Source.OCSP);
                case 2 -> new CheckResult.Revoked(CrlReason.values()[reason], LocalDate.of(2026, 1, 1).plusDays(i), asOf, 7,
                        CheckResult.Source.CRL);
                case 3 -> new CheckResult.Unknown(detail);
                case 4 -> new CheckResult.Unknown("stale: \"quoted\" \\ back\nslash\t\u0001 é 東京 \uD83D\uDE00");
                default -> new CheckResult.Revoked(CrlReason.CERTIFICATE_HOLD, LocalDate.of(2025, 12, 31), asOf, 0,
                        CheckResult.Source.OCSP);
            });
        }
        CheckResponse response = new CheckResponse(items, results, checkedAt);
        assertThat(response.toBuffer().toString()).isEqualTo(reference(items, results, checkedAt).encode());
    }

    @Property(tries = 300)
    void hexIsBigIntegerHex(@ForAll BigInteger value) {
        StringBuilder out = new StringBuilder();
        CheckResponse.hex(out, value);
        assertThat(out.toString()).isEqualTo(value.toString(16).toUpperCase(Locale.ROOT));
    }
}
