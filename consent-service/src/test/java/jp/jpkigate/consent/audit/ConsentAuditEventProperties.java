package jp.jpkigate.consent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import jp.jpkigate.consent.statement.CanonicalJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The event parser: what it writes it reads back; anything else is an IllegalArgumentException. */
class ConsentAuditEventProperties {

    @Property
    void readsBackWhatItWrites(@ForAll("events") ConsentAuditEvent event) {
        byte[] json = event.toCanonicalJson();

        assertThat(ConsentAuditEvent.parse(json)).isEqualTo(event);
        assertThat(CanonicalJson.isCanonical(json)).isTrue();
    }

    @Property
    void anyOtherObjectIsRefusedWithIllegalArgument(@ForAll("events") ConsentAuditEvent event, @ForAll("edits") Map.Entry<String, String> edit) {
        String json = new String(event.toCanonicalJson(), StandardCharsets.UTF_8).replace(edit.getKey(), edit.getValue());

        Throwable thrown = catchThrowable(() -> ConsentAuditEvent.parse(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(IllegalArgumentException.class));
    }

    @Provide
    static Arbitrary<ConsentAuditEvent> events() {
        Arbitrary<ConsentAuditEventType> types = Arbitraries.of(ConsentAuditEventType.class);
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        Arbitrary<String> ids = Arbitraries.strings().withChars("abcXYZ019_~.-").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> clients = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20);
        return Combinators.combine(types, times, clients, ids, Arbitraries.integers().between(1, 9_999_999))
                .as((type, at, client, id, n) -> new ConsentAuditEvent(type, at, client, id, Map.of(
                        AuditDetail.BATCH_SIZE, Integer.toString(n),
                        AuditDetail.CERTIFICATE_ISSUER, "jlis:sign_ca_" + n,
                        AuditDetail.CERTIFICATE_SERIAL, Integer.toHexString(n),
                        AuditDetail.STATEMENT_SHA256, AuditChain.hash(n, AuditChain.GENESIS, id.getBytes(StandardCharsets.UTF_8)),
                        AuditDetail.REASON, "r" + n)));
    }

    @Provide
    Arbitrary<Map.Entry<String, String>> edits() {
        Arbitrary<String> pieces = Arbitraries.of("\"", ":", ",", "{", "}", "at", "type", "details", "reason", "batch_size", "1", "a", "Z", "T",
                "\"record\":", "null", "[]", " ");
        return Combinators.combine(pieces, pieces).as(Map::entry);
    }
}
