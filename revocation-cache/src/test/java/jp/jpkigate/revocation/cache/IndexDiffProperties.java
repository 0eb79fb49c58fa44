package jp.jpkigate.revocation.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.revocation.index.RevokedSerialIndexBuilder;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationChange;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The diff of two indexes against a map model: new or re-reasoned entries, released holds, nothing else. */
class IndexDiffProperties {
    static final IssuerKey ISSUER = new IssuerKey("0A0B");
    static final Instant SEEN = Instant.parse("2026-06-01T00:00:00Z");
    static final int[] REASONS = {0, 1, 3, 4, 5, 6};

    @Property(tries = 200)
    void diffMatchesTheModel(@ForAll @Size(max = 40) Map<@IntRange(max = 60) Integer, @IntRange(max = 5) Integer> before,
                             @ForAll @Size(max = 40) Map<@IntRange(max = 60) Integer, @IntRange(max = 5) Integer> after) {
        Set<String> expected = new HashSet<>();
        after.forEach((serial, r) -> {
            Integer old = before.get(serial);
            if (old == null || REASONS[old] != REASONS[r]) {
                expected.add("REVOKED " + serial + " " + REASONS[r]);
            }
        });
        before.forEach((serial, r) -> {
            if (REASONS[r] == CrlReason.CERTIFICATE_HOLD.code() && !after.containsKey(serial)) {
                expected.add("RELEASED " + serial + " 6");
            }
        });

        Set<String> actual = IndexDiff.changes(ISSUER, index(before), index(after), SEEN).stream()
                .map(c -> c.kind() + " " + c.serial() + " " + c.reason().code()).collect(Collectors.toSet());

        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 50)
    void longSerialsAreDiffedToo(@ForAll @IntRange(max = 5) int reason) {
        BigInteger big = BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(reason));
        RevokedSerialIndexBuilder b = RevokedSerialIndex.builder().epochDay(20_000);
        RevokedSerialIndex after = b.add(big, REASONS[reason], 20_100).build();

        assertThat(IndexDiff.changes(ISSUER, RevokedSerialIndex.empty(), after, SEEN))
                .extracting(RevocationChange::serial, RevocationChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(big, RevocationChange.Kind.REVOKED));
        assertThat(IndexDiff.changes(ISSUER, after, RevokedSerialIndex.empty(), SEEN)).hasSize(REASONS[reason] == 6 ? 1 : 0);
    }

    private static RevokedSerialIndex index(Map<Integer, Integer> entries) {
        RevokedSerialIndexBuilder builder = RevokedSerialIndex.builder().epochDay(20_000);
        new HashMap<>(entries).forEach((serial, r) -> builder.add(serial.longValue(), REASONS[r], 20_100));
        return builder.build();
    }
}
