package jp.jpkigate.consent.audit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.jpkigate.consent.audit.AuditEntry;
import jp.jpkigate.consent.audit.CorruptAuditLogException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Stream entries: what is written reads back; anything else is a CorruptAuditLogException. */
class AuditStreamEntryProperties {

    @Property
    void readsBackWhatItWrites(@ForAll("entries") AuditEntry entry) {
        List<String> fields = AuditStreamEntry.fields(entry);
        Map<String, String> stored = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i += 2) {
            stored.put(fields.get(i), fields.get(i + 1));
        }

        assertThat(AuditStreamEntry.decode(1, AuditStreamEntry.streamId(entry.seq()), stored)).isEqualTo(entry);
    }

    @Property
    void anythingElseIsCorrupt(@ForAll("streamIds") String streamId, @ForAll("fieldMaps") Map<String, String> fields,
            @ForAll @LongRange(min = 1, max = 1_000) long position) {
        Throwable thrown = catchThrowable(() -> AuditStreamEntry.decode(position, streamId, fields));

        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(CorruptAuditLogException.class));
    }

    @Provide
    Arbitrary<AuditEntry> entries() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(80);
        return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE / 10), text, text, text).as(AuditEntry::new);
    }

    @Provide
    Arbitrary<String> streamIds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-5, Long.MAX_VALUE).map(n -> "0-" + n),
                Arbitraries.of("0-", "0-0", "1-1", "0-01", "1767225600000-0", "", "0-99999999999999999999"),
                Arbitraries.strings().ofMaxLength(12));
    }

    @Provide
    Arbitrary<Map<String, String>> fieldMaps() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("seq", "prev", "event", "hash"), Arbitraries.strings().ofMaxLength(5));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.longs().between(-2, 50).map(n -> Long.toString(n)), Arbitraries.strings().ofMaxLength(5),
                Arbitraries.just(null));
        return Arbitraries.maps(names, values).ofMaxSize(6).map(HashMap::new);
    }
}
