package jp.jpkigate.consent.store.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import jp.jpkigate.testing.RespSocket;
import jp.jpkigate.testing.TestRedis;
import jp.jpkigate.testing.TestRedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Durable writes: acknowledged only once a replica has them (WAIT on the write's own connection). */
class ReplicaAckedRedisTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void withoutAReplicaADurableWriteFailsAndAPlainClientWritesAsBefore() throws Exception {
        try (TestRedis server = TestRedis.start()) {
            Redis plain = server.client(vertx);
            assertThat(ReplicaAckedRedis.wrap(plain, 0, TIMEOUT)).as("0 replicas: the client itself").isSameAs(plain);
            assertThat(await(ReplicaAckedRedis.sendDurably(plain, "k{1}", Request.cmd(Command.SET, "k{1}", "v"))).toString())
                    .isEqualTo("OK");

            Redis acked = ReplicaAckedRedis.wrap(plain, 1, TIMEOUT);
            assertThatThrownBy(() -> await(ReplicaAckedRedis.sendDurably(acked, "k{1}", Request.cmd(Command.SET, "k{1}", "w"))))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ReplicaAckedRedis.NotReplicatedException.class);
            assertThat(await(acked.send(Request.cmd(Command.GET, "k{1}"))).toString())
                    .as("reads and plain writes pass straight through").isEqualTo("w");
        }
    }

    @Test
    void aWriteIsAcknowledgedOnlyOnceTheReplicaHasIt() throws Exception {
        try (TestRedisCluster cluster = TestRedisCluster.start(1, 1)) {
            int master = cluster.masterOf("consent");
            int replica = cluster.replicaOf(master);
            Redis acked = ReplicaAckedRedis.wrap(cluster.client(vertx), 1, TIMEOUT);

            await(ReplicaAckedRedis.sendDurably(acked, "consent", Request.cmd(Command.SET, "consent", "signed")));
            try (RespSocket onReplica = RespSocket.connect(replica, 5_000)) {
                onReplica.call("READONLY");
                assertThat(onReplica.call("GET", "consent")).as("already on the replica when acknowledged").isEqualTo("signed");
            }

            cluster.freeze(replica);
            try {
                assertThatThrownBy(() -> await(ReplicaAckedRedis.sendDurably(acked, "consent",
                        Request.cmd(Command.SET, "consent", "withdrawn"))))
                        .as("a hung replica: never acknowledged").hasCauseInstanceOf(ReplicaAckedRedis.NotReplicatedException.class);
            } finally {
                cluster.thaw(replica);
            }
            await(ReplicaAckedRedis.sendDurably(acked, "consent", Request.cmd(Command.SET, "consent", "again")));
        }
    }
}
