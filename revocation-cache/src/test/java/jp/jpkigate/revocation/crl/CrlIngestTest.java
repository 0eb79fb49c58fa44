package jp.jpkigate.revocation.crl;

import static jp.jpkigate.revocation.index.RevokedSerialIndex.NOT_REVOKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import jp.jpkigate.revocation.crl.CrlRefusedException.Reason;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.index.Revocation;
import org.junit.jupiter.api.Test;

class CrlIngestTest {
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant REVOKED = Instant.parse("2025-05-20T08:00:00Z");
    private static final BigInteger PHONE = new BigInteger("0f00000000000001", 16);
    private static final BigInteger CARD = new BigInteger("80000000000000aa", 16);

    private final CrlIngest ingest = new CrlIngest(new StreamingCrlParser(), Clock.fixed(T0.plusSeconds(3600),
            ZoneOffset.UTC), Duration.ofMinutes(5));

    private static TestCrls.Spec full(long number) {
        TestCrls.Spec s = TestCrls.spec();
        s.number = BigInteger.valueOf(number);
        return s.add(PHONE, REVOKED, 6).add(CARD, REVOKED, 4).add(BigInteger.valueOf(77), REVOKED, 1);
    }

    private static TestCrls.Spec delta(long number, long base) {
        TestCrls.Spec s = TestCrls.spec();
        s.number = BigInteger.valueOf(number);
        s.deltaBase = BigInteger.valueOf(base);
        return s;
    }

    private CrlSnapshot apply(TestCrls.Spec spec, CrlSnapshot current) throws Exception {
        return ingest.ingest(new ByteArrayInputStream(spec.encode()), TestCrls.EC.getPublic(), current).snapshot();
    }

    private Reason refusal(TestCrls.Spec spec, CrlSnapshot current) {
        try {
            apply(spec, current);
        } catch (CrlRefusedException e) {
            return e.reason();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    @Test
    void completeCrlBuildsIndexAndMetadata() throws Exception {
        CrlSnapshot s = apply(full(10), null);
        assertThat(s.index().size()).isEqualTo(3);
        assertThat(s.index().lookup(CARD)).contains(new Revocation(CrlReason.SUPERSEDED, LocalDate.parse("2025-05-20")));
        assertThat(s.metadata().crlNumber()).isEqualTo(10);
        assertThat(s.metadata().completeCrlNumber()).isEqualTo(10);
        assertThat(s.metadata().entryCount()).isEqualTo(3);
        assertThat(s.metadata().thisUpdate()).isEqualTo(T0);
        assertThat(s.metadata().authorityKeyId()).isNotEmpty();
    }

    @Test
    void deltaReleasesAHoldAndAddsEntries() throws Exception {
        CrlSnapshot base = apply(full(10), null);
        TestCrls.Spec d = delta(11, 10).add(PHONE, REVOKED.plusSeconds(86_400), 8)
                .add(BigInteger.valueOf(78), REVOKED, 6).add(BigInteger.valueOf(77), REVOKED, 1);
        CrlSnapshot next = apply(d, base);
        assertThat(next.index().find(PHONE)).isEqualTo(NOT_REVOKED);
        assertThat(next.index().lookup(BigInteger.valueOf(78)).orElseThrow().reason()).isEqualTo(CrlReason.CERTIFICATE_HOLD);
        assertThat(next.index().find(CARD)).isEqualTo(base.index().find(CARD));
        assertThat(next.index().size()).isEqualTo(3);
        assertThat(next.metadata().crlNumber()).isEqualTo(11);
        assertThat(next.metadata().completeCrlNumber()).isEqualTo(10);
        // a later cumulative delta from the same base (hold on 78 released) applies to the constructed snapshot
        CrlSnapshot later = apply(delta(12, 10).add(PHONE, REVOKED.plusSeconds(86_400), 8)
                .add(BigInteger.valueOf(78), REVOKED.plusSeconds(86_400), 8), next);
        assertThat(later.index().find(BigInteger.valueOf(78))).isEqualTo(NOT_REVOKED);
        assertThat(later.index().find(PHONE)).isEqualTo(NOT_REVOKED);
    }

    @Test
    void monotony() throws Exception {
        CrlSnapshot s = apply(full(10), null);
        CrlIngest.Outcome same = ingest.ingest(new ByteArrayInputStream(full(10).encode()), TestCrls.EC.getPublic(), s);
        assertThat(same.changed()).isFalse();
        assertThat(same.snapshot()).isSameAs(s);
        assertThat(refusal(full(9), s)).isEqualTo(Reason.OLDER_THAN_CURRENT);
        assertThat(refusal(delta(9, 8), s)).isEqualTo(Reason.OLDER_THAN_CURRENT);
        assertThat(apply(full(11), s).metadata().crlNumber()).isEqualTo(11);
    }

    @Test
    void deltaRefusals() throws Exception {
        CrlSnapshot s = apply(full(10), null);
        assertThat(refusal(delta(11, 10), null)).isEqualTo(Reason.DELTA_WITHOUT_BASE);
        assertThat(refusal(delta(12, 11), s)).isEqualTo(Reason.DELTA_BASE_MISMATCH);
        TestCrls.Spec partition = delta(11, 10);
        partition.idp = true;
        assertThat(refusal(partition, s)).isEqualTo(Reason.SCOPE_MISMATCH);
    }

    @Test
    void missingNumberAndFutureThisUpdateAreRefused() {
        TestCrls.Spec noNumber = full(1);
        noNumber.number = null;
        assertThat(refusal(noNumber, null)).isEqualTo(Reason.MISSING_CRL_NUMBER);
        TestCrls.Spec future = full(1);
        future.thisUpdate = T0.plus(Duration.ofDays(1));
        assertThat(refusal(future, null)).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void badSignatureLeavesNothingBehind() throws Exception {
        CrlSnapshot s = apply(full(10), null);
        byte[] der = full(11).encode();
        der[der.length - 3] ^= 1;
        assertThatThrownBy(() -> ingest.ingest(new ByteArrayInputStream(der), TestCrls.EC.getPublic(), s))
                .isInstanceOfSatisfying(CrlParseException.class,
                        e -> assertThat(e.kind()).isEqualTo(CrlParseException.Kind.BAD_SIGNATURE));
    }

    @Test
    void staleness() throws Exception {
        CrlSnapshot s = apply(full(10), null);
        assertThat(ingest.stale(s, Duration.ofHours(1))).isFalse();
        assertThat(s.metadata().stale(T0.plus(Duration.ofDays(1)).plusSeconds(3601), Duration.ofHours(1))).isTrue();
        assertThat(s.metadata().stale(T0.plus(Duration.ofDays(1)).plusSeconds(3600), Duration.ofHours(1))).isFalse();
    }
}
