package jp.jpkigate.feed.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationChange;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The detection's parsers — J-LIS's 4-information answers, stored provision tasks, revocation stream entries —
 * read what they write, and refuse anything else with {@link IllegalArgumentException} only (never another
 * exception, never a half-read value).
 */
class DetectParserProperties {
    private static final JsonObject UPDATED = new JsonObject().put("status", "updated").put("issuer", "sign-2026")
            .put("certificate_serial", "1a2b").put("four_information", new JsonObject().put("name", "山田　花子")
                    .put("address", "東京都千代田区千代田一番一号").put("birthdate", "1990-01-02").put("gender", "2"));

    @Example
    void anUpdateAndNoNewCertificateAreRead() {
        ProvisionAnswer.Updated updated = (ProvisionAnswer.Updated) ProvisionAnswers.parse(UPDATED.copy()
                .put("withheld", new JsonArray().add("address")).put("four_information", new JsonObject().put("name", "山田　花子")));
        assertThat(updated.caId()).isEqualTo("sign-2026");
        assertThat(updated.serial()).isEqualTo(BigInteger.valueOf(0x1a2b));
        assertThat(updated.values()).isEqualTo(Map.of(FourInformationItem.NAME, "山田　花子"));
        assertThat(updated.withheld()).containsExactly(FourInformationItem.ADDRESS);
        assertThat(((ProvisionAnswer.Updated) ProvisionAnswers.parse(UPDATED)).values()).hasSize(4);
        assertThat(ProvisionAnswers.parse(new JsonObject().put("status", "no_new_certificate")))
                .isInstanceOf(ProvisionAnswer.NoNewCertificate.class);
    }

    @Property
    void aDamagedAnswerIsRefusedCleanly(@ForAll("damagedAnswers") JsonObject answer) {
        assertThatThrownBy(() -> ProvisionAnswers.parse(answer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void anyJsonObjectIsReadOrRefusedCleanly(@ForAll("jsonObjects") JsonObject answer) {
        try {
            ProvisionAnswers.parse(answer);
        } catch (IllegalArgumentException expected) {
            // refused
        }
    }

    @Provide
    Arbitrary<JsonObject> damagedAnswers() {
        Arbitrary<String> member = Arbitraries.of("status", "issuer", "certificate_serial", "four_information", "withheld");
        Arbitrary<Object> badValue = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of("", "UPDATED", "sign_2026", "xyz", "12 34").map(s -> (Object) s), Arbitraries.just((Object) new JsonArray().add("x")),
                Arbitraries.just((Object) new JsonObject().put("gender", "male")),
                Arbitraries.just((Object) new JsonObject().put("birthdate", "1990-02-30")),
                Arbitraries.just((Object) new JsonObject().put("name", " \t")),
                Arbitraries.just((Object) new JsonObject().put("my_number", "123")));
        return Combinators.combine(member, badValue).as((m, v) -> {
            JsonObject damaged = UPDATED.copy();
            return damaged.put(m, m.equals("withheld") && v == null ? (Object) 3 : v);
        });
    }

    @Provide
    Arbitrary<JsonObject> jsonObjects() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null),
                Arbitraries.of("updated", "no_new_certificate", "sign-2026", "name", "address", "1990-01-02", "1").map(s -> (Object) s));
        Arbitrary<Object> inner = Arbitraries.maps(Arbitraries.of("name", "address", "birthdate", "gender", "x"), leaf).ofMaxSize(4)
                .map(m -> (Object) new JsonObject(new HashMap<>(m)));
        Arbitrary<Object> list = leaf.list().ofMaxSize(3).map(l -> (Object) new JsonArray(l));
        return Arbitraries.maps(Arbitraries.of("status", "issuer", "certificate_serial", "four_information", "withheld"),
                Arbitraries.oneOf(leaf, inner, list)).ofMaxSize(5).map(m -> new JsonObject(new HashMap<>(m)));
    }

    @Property
    void aTaskReadsBackAsWritten(@ForAll("tasks") ProvisionTask task) {
        assertThat(ProvisionTaskJson.decode(ProvisionTaskJson.encode(task))).isEqualTo(task);
    }

    @Property
    void aDamagedTaskIsRefusedCleanly(@ForAll("tasks") ProvisionTask task, @ForAll("cuts") int cut) {
        String json = ProvisionTaskJson.encode(task);
        String damaged = json.substring(0, Math.min(cut, json.length() - 1));
        assertThatThrownBy(() -> ProvisionTaskJson.decode(damaged)).isInstanceOf(IllegalArgumentException.class);
        for (String member : List.of("v", "consent", "anchor", "serial", "since", "attempts")) {
            JsonObject without = new JsonObject(json);
            without.remove(member);
            assertThatThrownBy(() -> ProvisionTaskJson.decode(without.encode())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ProvisionTaskJson.decode(new JsonObject(json).put(member, new JsonArray()).encode()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property
    void anyTextIsReadAsATaskOrRefusedCleanly(@ForAll String text) {
        try {
            ProvisionTaskJson.decode(text);
        } catch (IllegalArgumentException expected) {
            // refused
        }
    }

    @Provide
    Arbitrary<ProvisionTask> tasks() {
        return Combinators.combine(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("sim:3BF6C018591192E3", "jlis:sign_ca_2023"),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(159)),
                Arbitraries.longs().between(0, 4_102_444_800_000L), Arbitraries.integers().between(0, 1000))
                .as((consent, anchor, serial, since, attempts) -> new ProvisionTask(consent, new CertificateRef(anchor, serial),
                        Instant.ofEpochMilli(since), attempts));
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 200);
    }

    @Example
    void aStreamEntryIsReadAsTheRevocationCacheWritesIt() {
        RevocationChange change = RevocationEntry.parse(entry());
        assertThat(change).isEqualTo(new RevocationChange(new IssuerKey("0A1B"), BigInteger.valueOf(0x1F), RevocationChange.Kind.REVOKED,
                CrlReason.AFFILIATION_CHANGED, LocalDate.parse("2026-04-01"), Instant.parse("2026-04-01T00:00:00Z")));
    }

    @Property
    void aDamagedStreamEntryIsRefusedCleanly(@ForAll("entryFields") String field, @ForAll("badValues") String value) {
        Map<String, String> damaged = entry();
        if (value.isEmpty()) {
            damaged.remove(field);
        } else {
            damaged.put(field, value);
        }
        assertThatThrownBy(() -> RevocationEntry.parse(damaged)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> entryFields() {
        return Arbitraries.of("issuer", "serial", "kind", "reason", "date", "seenAt");
    }

    @Provide
    Arbitrary<String> badValues() {
        return Arbitraries.of("", "zz", "-1", "revoked", "2026-13-01", "yesterday", " ", "0x1F", "１");
    }

    private static Map<String, String> entry() {
        return new HashMap<>(Map.of("issuer", "0A1B", "serial", "1F", "kind", "REVOKED", "reason", "3", "date", "2026-04-01",
                "seenAt", "2026-04-01T00:00:00Z"));
    }

    @Example
    void anUpdateNeverCarriesAnItemBothDisclosedAndWithheld() {
        assertThatThrownBy(() -> new ProvisionAnswer.Updated("sign-2026", BigInteger.ONE, Map.of(FourInformationItem.ADDRESS, "x"),
                EnumSet.of(FourInformationItem.ADDRESS))).isInstanceOf(IllegalArgumentException.class);
    }
}
