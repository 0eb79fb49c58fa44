package jp.jpkigate.consent.signing.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import jp.jpkigate.consent.signing.DocumentPurpose;
import jp.jpkigate.consent.signing.SignedBy;
import jp.jpkigate.consent.signing.SigningState;
import jp.jpkigate.consent.signing.SigningTransaction;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.login.LoginTransactionId;
import jp.jpkigate.idp.testing.OpServer;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisSigningTransactionStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    private static OpServer server;
    private static Redis redis;

    @BeforeAll
    static void start() throws Exception {
        server = OpServer.open(200);
        redis = server.redis;
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static SigningTransaction pending() {
        return SigningTransaction.open(LoginTransactionId.generate(new SecureRandom()), DocumentPurpose.CONSENT,
                "inv-000000000000000000", "bank", "Example Bank", "{\"a\":1}".getBytes(), "binding", T0, Duration.ofMinutes(5));
    }

    @Test
    void eachEdgeIsTakenOnceAndTheTransactionReadsBackWithItsSigner() throws Exception {
        RedisSigningTransactionStore store = new RedisSigningTransactionStore(redis);
        SigningTransaction txn = pending();
        await(store.create(txn, Duration.ofMinutes(7)));
        assertThat(await(store.find(txn.id()))).contains(txn);
        long ttl = TestRedis.call(redis, Command.PTTL, RedisSigningTransactionStore.key(txn.id())).toLong();
        assertThat(ttl).isBetween(Duration.ofMinutes(6).toMillis(), Duration.ofMinutes(7).toMillis());

        SigningTransaction verified = txn.verified(new SignedBy(JpkiCertificateType.SIGNATURE_PHONE, BigInteger.valueOf(0xabc),
                "sim:1", T0, new byte[] {1, 2, 3}, Optional.of(new byte[] {4, 5})));
        assertThat(await(store.compareAndSet(SigningState.PENDING, verified))).isTrue();
        assertThat(await(store.compareAndSet(SigningState.PENDING, txn.failed("signature_mismatch")))).isFalse();
        assertThat(await(store.find(txn.id()))).contains(verified);
        assertThat(await(store.compareAndSet(SigningState.VERIFIED, verified.consumed()))).isTrue();
        assertThat(await(store.compareAndSet(SigningState.VERIFIED, verified.consumed()))).isFalse();
        assertThat(await(store.find(txn.id())).orElseThrow().state()).isEqualTo(SigningState.CONSUMED);

        assertThat(await(store.find("not-an-id"))).isEmpty();
        assertThat(await(store.find(LoginTransactionId.generate(new SecureRandom())))).isEmpty();
    }
}
