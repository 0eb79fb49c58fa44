package jp.jpkigate.revocation.store.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static jp.jpkigate.testing.TestRedis.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationChange;
import jp.jpkigate.revocation.store.StreamedChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisRevocationStreamTest extends RedisTestBase {
    private RedisRevocationStream stream;

    @BeforeEach
    void connect(Vertx vertx) throws Exception {
        stream = new RedisRevocationStream(redis, RedisKeys.DEFAULT, 1000);
    }

    @Test
    void appendedChangesAreReadBackInOrderWithEveryField() throws Exception {
        IssuerKey issuer = new IssuerKey("0A1B2C");
        Instant seen = Instant.parse("2025-03-01T12:00:00.5Z");
        List<RevocationChange> changes = List.of(
                new RevocationChange(issuer, BigInteger.valueOf(0x1234), RevocationChange.Kind.REVOKED,
                        CrlReason.AFFILIATION_CHANGED, LocalDate.of(2025, 2, 28), seen),
                new RevocationChange(issuer, BigInteger.ONE.shiftLeft(150).add(BigInteger.TEN),
                        RevocationChange.Kind.REVOKED, CrlReason.KEY_COMPROMISE, LocalDate.of(2010, 1, 1), seen),
                new RevocationChange(new IssuerKey("FF"), BigInteger.valueOf(7), RevocationChange.Kind.RELEASED,
                        CrlReason.CERTIFICATE_HOLD, LocalDate.of(2025, 3, 1), seen.plusSeconds(1)));

        List<String> ids = await(stream.append(changes));
        List<StreamedChange> all = await(stream.read("0", 10));
        List<StreamedChange> afterFirst = await(stream.read(ids.get(0), 10));

        assertThat(all).extracting(StreamedChange::change).containsExactlyElementsOf(changes);
        assertThat(all).extracting(StreamedChange::id).containsExactlyElementsOf(ids);
        assertThat(afterFirst).extracting(StreamedChange::change).containsExactlyElementsOf(changes.subList(1, 3));
        assertThat(await(stream.read(ids.get(2), 10))).isEmpty();
        assertThat(await(stream.append(List.of()))).isEmpty();
        var fields = call(redis, Command.XRANGE, RedisKeys.DEFAULT.changes(), ids.get(0), ids.get(0)).get(0).get(1);
        assertThat(RedisResponses.fields(fields).toString())
                .isEqualTo("{issuer=0A1B2C, serial=1234, kind=REVOKED, reason=3, date=2025-02-28,"
                        + " seenAt=2025-03-01T12:00:00.500Z}");
    }
}
