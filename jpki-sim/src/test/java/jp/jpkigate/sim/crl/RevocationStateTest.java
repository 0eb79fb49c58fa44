package jp.jpkigate.sim.crl;

import static jp.jpkigate.sim.crl.TestPki.NAHA;
import static jp.jpkigate.sim.crl.TestPki.NOW;
import static jp.jpkigate.sim.crl.TestPki.SHINJUKU;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import jp.jpkigate.sim.revocation.Reason;
import org.junit.jupiter.api.Test;

class RevocationStateTest {
    private final InMemoryRevocationLog log = new InMemoryRevocationLog();

    private RevocationState replay() {
        return RevocationState.replay(log.events("sign-2026"), e -> true);
    }

    @Test
    void holdIsListedUntilReleasedAndPermanentRevocationIsFinal() {
        log.record("sign-2026", 1, SHINJUKU, NOW, Reason.CERTIFICATE_HOLD);
        log.record("sign-2026", 2, SHINJUKU, NOW, Reason.CERTIFICATE_HOLD);
        log.record("sign-2026", 1, SHINJUKU, NOW.plusSeconds(60), Reason.REMOVE_FROM_CRL);
        log.record("sign-2026", 2, SHINJUKU, NOW.plusSeconds(60), Reason.KEY_COMPROMISE);
        log.record("sign-2026", 2, SHINJUKU, NOW.plusSeconds(90), Reason.REMOVE_FROM_CRL);
        log.record("sign-2026", 3, NAHA, NOW, Reason.AFFILIATION_CHANGED);
        log.record("sign-2026", 3, NAHA, NOW.plusSeconds(5), Reason.CERTIFICATE_HOLD);

        RevocationState state = replay();

        assertThat(state.status(BigInteger.ONE)).isEmpty();
        assertThat(state.status(BigInteger.TWO)).get()
                .extracting(RevocationState.Entry::reason, RevocationState.Entry::revokedAt)
                .containsExactly(Reason.KEY_COMPROMISE, NOW.plusSeconds(60));
        assertThat(state.status(BigInteger.valueOf(3))).get()
                .extracting(RevocationState.Entry::reason).isEqualTo(Reason.AFFILIATION_CHANGED);
        assertThat(state.lastSequence()).isEqualTo(7);
    }

    @Test
    void deltaListsCurrentEntriesAndRemoveFromCrlForReleasedHolds() {
        log.record("sign-2026", 1, SHINJUKU, NOW, Reason.SUPERSEDED);
        long base = log.record("sign-2026", 2, SHINJUKU, NOW, Reason.CERTIFICATE_HOLD);
        log.record("sign-2026", 2, SHINJUKU, NOW.plus(Duration.ofHours(1)), Reason.REMOVE_FROM_CRL);
        log.record("sign-2026", 5, NAHA, NOW.plus(Duration.ofHours(2)), Reason.CERTIFICATE_HOLD);
        log.record("sign-2026", 6, SHINJUKU, NOW.plus(Duration.ofHours(3)), Reason.AFFILIATION_CHANGED);

        RevocationState state = replay();
        List<RevocationState.Entry> all = state.changesSince(log.events("sign-2026"), base, e -> true);
        List<RevocationState.Entry> shinjuku = state.changesSince(log.events("sign-2026"), base,
                e -> e.partition().equals(SHINJUKU));

        assertThat(all).extracting(e -> e.serial().intValue(), RevocationState.Entry::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, Reason.REMOVE_FROM_CRL),
                org.assertj.core.groups.Tuple.tuple(5, Reason.CERTIFICATE_HOLD),
                org.assertj.core.groups.Tuple.tuple(6, Reason.AFFILIATION_CHANGED));
        assertThat(shinjuku).extracting(e -> e.serial().intValue()).containsExactly(2, 6);
    }
}
