package jp.jpkigate.revocation.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.revocation.crl.CrlMetadata;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.SimCa;
import org.junit.jupiter.api.Test;

/** Partitions, installs from elsewhere, monotony and listeners. */
class RevocationCacheTest {
    static final SimCa CA = SimCa.create(CaKind.SIGNATURE, 2026, KeyAlgorithm.EC_P384, new SecureRandom());
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    static final Duration GRACE = Duration.ofHours(1);

    final RevocationCache cache = new RevocationCache();
    final X509Certificate ca = CA.certificate();

    private CrlSnapshot snapshot(long number, Instant thisUpdate, long... revoked) {
        var builder = RevokedSerialIndex.builder().epochDay(20_000);
        for (long serial : revoked) {
            builder.add(serial, 6, 20_500);
        }
        return new CrlSnapshot(builder.build(), new CrlMetadata(new byte[] {0x30, 0}, IssuerKeys.keyOf(ca).bytes(),
                BigInteger.valueOf(number), BigInteger.valueOf(number), thisUpdate, thisUpdate.plus(Duration.ofDays(1)),
                null, revoked.length));
    }

    @Test
    void aLookupAsksEveryPartitionAndNeedsAllOfThemLoaded() {
        cache.register(ca, "sign-2026", "sign-2026/Tokyo", Optional.of("Tokyo"));
        cache.register(ca, "sign-2026", "sign-2026/Osaka", Optional.of("Osaka"));
        var key = IssuerKeys.keyOf(ca);
        assertThat(cache.install("sign-2026/Tokyo", snapshot(1, T0, 5), 1)).isTrue();

        assertThat(cache.lookup(key, BigInteger.valueOf(5), T0, GRACE)).isInstanceOf(CacheAnswer.Revoked.class);
        assertThat(cache.lookup(key, BigInteger.valueOf(7), T0, GRACE)).isInstanceOf(CacheAnswer.NotCovered.class);

        cache.install("sign-2026/Osaka", snapshot(2, T0.plusSeconds(60), 7), 2);
        assertThat(cache.lookup(key, BigInteger.valueOf(7), T0, GRACE)).isInstanceOf(CacheAnswer.Revoked.class);
        assertThat(cache.lookup(key, BigInteger.valueOf(9), T0, GRACE))
                .isEqualTo(new CacheAnswer.Good(T0, 2));
        assertThat(cache.lookup(key, BigInteger.valueOf(9), T0.plus(Duration.ofHours(26)), GRACE))
                .isInstanceOfSatisfying(CacheAnswer.Stale.class,
                        stale -> assertThat(stale.fromStaleData()).contains(new CacheAnswer.Good(T0, 2)));
        assertThat(cache.issuers()).singleElement().satisfies(info -> assertThat(info.entries()).isEqualTo(2));
    }

    @Test
    void installsAreMonotonicAndAnnouncedWithoutChanges() {
        cache.register(ca, "sign-2026", "sign-2026", Optional.empty());
        List<CacheUpdate> updates = new ArrayList<>();
        cache.addListener(updates::add);

        assertThat(cache.install("sign-2026", snapshot(5, T0, 1), 5)).isTrue();
        assertThat(cache.install("sign-2026", snapshot(4, T0, 1, 2), 4)).isFalse();
        assertThat(cache.install("sign-2026", snapshot(5, T0, 1), 5)).isFalse();

        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.origin()).isEqualTo(CacheUpdate.Origin.INSTALLED);
            assertThat(u.changes()).isEmpty();
            assertThat(u.version()).isEqualTo(5);
        });
    }

    @Test
    void anIngestReportsItsChangesAndLosesToANewerInstall() {
        cache.register(ca, "sign-2026", "sign-2026", Optional.empty());
        CrlSnapshot first = snapshot(1, T0, 1);
        cache.ingested("sign-2026", null, first, T0);

        assertThat(cache.ingested("sign-2026", first, snapshot(2, T0, 1, 2), T0)).hasSize(1);
        CrlSnapshot installed = snapshot(9, T0, 1, 2, 3);
        cache.install("sign-2026", installed, 9);
        assertThat(cache.ingested("sign-2026", first, snapshot(3, T0), T0)).isEmpty();
        assertThat(cache.current("sign-2026")).containsSame(installed);
    }

}
