package jp.jpkigate.testing;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisClusterTransactions;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.embedded.RedisServer;

/**
 * A real Redis Cluster on loopback: {@code masters} redis-server processes (the binary bundled with
 * embedded-redis) sharing the 16,384 slots, each with {@code replicasPerMaster} replicas, with the
 * production durability (AOF, {@code appendfsync always}) and a 1-second node timeout, so a killed master's
 * replica is promoted within a few seconds. Formed from Java (the artifact has no redis-cli): CLUSTER MEET,
 * ADDSLOTS, REPLICATE. Nodes can be killed ({@code kill -9}), frozen ({@code SIGSTOP}) and thawed. Blocking:
 * test threads only, never an event loop.
 */
public final class TestRedisCluster implements AutoCloseable {
    private static final int SLOTS = 16_384;
    private static final Duration FORMING = Duration.ofSeconds(30);

    private final Path dir;
    private final List<Node> nodes;
    private final int masters;

    /** One redis-server of the cluster. */
    public record Node(int port, Process process) {
        public boolean alive() {
            return process.isAlive();
        }
    }

    private TestRedisCluster(Path dir, List<Node> nodes, int masters) {
        this.dir = dir;
        this.nodes = nodes;
        this.masters = masters;
    }

    /** Starts and forms the cluster; its files live in a fresh temporary directory, deleted by {@link #close}. */
    public static TestRedisCluster start(int masters, int replicasPerMaster) throws IOException {
        Path dir = Files.createTempDirectory("redis-cluster");
        String binary = RedisServer.newRedisServer().buildCommandArgs().get(0);
        List<Node> nodes = new ArrayList<>();
        TestRedisCluster cluster = new TestRedisCluster(dir, nodes, masters);
        try {
            for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
                nodes.add(launch(binary, dir, freePortPair()));
            }
            cluster.form(replicasPerMaster);
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static Node launch(String binary, Path root, int port) throws IOException {
        Path dir = Files.createDirectories(root.resolve(String.valueOf(port)));
        Process process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                "--cluster-node-timeout", "1000", "--cluster-replica-validity-factor", "0",
                "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Node node = new Node(port, process);
        await("redis-server on port " + port + " answers", () -> answers(node));
        return node;
    }

    private void form(int replicasPerMaster) throws IOException {
        Node first = nodes.get(0);
        for (Node node : nodes.subList(1, nodes.size())) {
            RespSocket.once(first.port(), "CLUSTER", "MEET", "127.0.0.1", node.port());
        }
        for (int m = 0; m < masters; m++) {
            int from = m * SLOTS / masters;
            int to = (m + 1) * SLOTS / masters;
            List<Object> args = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = from; slot < to; slot++) {
                args.add(slot);
            }
            RespSocket.once(nodes.get(m).port(), args.toArray());
        }
        await("every node knows every other", () -> nodes.stream().allMatch(
                node -> clusterNodes(node.port()).stream().filter(line -> !line.contains("handshake")).count() == nodes.size()));
        for (int r = masters; r < nodes.size(); r++) {
            Node replica = nodes.get(r);
            String masterId = String.valueOf(RespSocket.once(nodes.get(r % masters).port(), "CLUSTER", "MYID"));
            await("node " + replica.port() + " replicates", () -> {
                try {
                    RespSocket.once(replica.port(), "CLUSTER", "REPLICATE", masterId);
                    return true;
                } catch (IOException | IllegalStateException e) {
                    return false;
                }
            });
        }
        await("the cluster is ok with every replica in sync", () -> nodes.stream().allMatch(node ->
                info(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok"))
                && nodes.subList(0, masters).stream().allMatch(master -> onlineReplicas(master.port()) == replicasPerMaster));
    }

    /** {@code redis-cluster://127.0.0.1:p1,...}: the masters as seed nodes, as {@code REDIS_URL} names them. */
    public String url() {
        return "redis-cluster://" + nodes.subList(0, masters).stream().map(n -> "127.0.0.1:" + n.port())
                .collect(Collectors.joining(","));
    }

    /** Cluster client options as the gateway's RedisTopology sets them: the live nodes as seeds, masters only. */
    public RedisOptions options() {
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER).setUseReplicas(RedisReplicas.NEVER)
                .setClusterTransactions(RedisClusterTransactions.SINGLE_NODE);
        nodes.stream().filter(Node::alive).forEach(n -> options.addConnectionString("redis://127.0.0.1:" + n.port()));
        return options;
    }

    public Redis client(Vertx vertx) {
        return Redis.createClient(vertx, options());
    }

    /** Runs a keyless command ({@code FLUSHALL}, {@code SCRIPT FLUSH}) on every live master. */
    public void onEveryMaster(Object... command) throws IOException {
        for (Node node : nodes) {
            if (node.alive() && info(node.port(), "ROLE").startsWith("[master")) {
                RespSocket.once(node.port(), command);
            }
        }
    }

    /** The live master serving {@code key}'s slot now. */
    public int masterOf(String key) throws IOException {
        long slot = (Long) RespSocket.once(anyLive().port(), "CLUSTER", "KEYSLOT", key);
        return masterOfSlot(slot).orElseThrow(() -> new IllegalStateException("no master serves slot " + slot));
    }

    /** The port of a replica of the master on {@code masterPort}. */
    public int replicaOf(int masterPort) throws IOException {
        String masterId = String.valueOf(RespSocket.once(masterPort, "CLUSTER", "MYID"));
        return clusterNodes(masterPort).stream().map(line -> line.split(" "))
                .filter(f -> f[2].contains("slave") && f[3].equals(masterId))
                .map(f -> Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))))
                .findFirst().orElseThrow(() -> new IllegalStateException("no replica of " + masterPort));
    }

    /** {@code kill -9}: SIGKILL, no shutdown, no last flush; waits until the process is gone. */
    public void kill9(int port) throws Exception {
        Process process = node(port).process();
        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
    }

    /** {@code SIGSTOP}: the node stops answering and acknowledging replication, like a hung machine. */
    public void freeze(int port) throws Exception {
        signal(port, "-STOP");
    }

    /** {@code SIGCONT}: a frozen node goes on. */
    public void thaw(int port) throws Exception {
        signal(port, "-CONT");
    }

    /**
     * Polls (no fixed sleep) until {@code key}'s slot is served by a live master other than {@code deadPort}
     * and every live node says the cluster is ok; returns the new master's port.
     */
    public int awaitFailover(String key, int deadPort) throws IOException {
        long slot = (Long) RespSocket.once(anyLive().port(), "CLUSTER", "KEYSLOT", key);
        await("a replica of " + deadPort + " takes over slot " + slot, () -> {
            Optional<Integer> master = masterOfSlot(slot);
            return master.isPresent() && master.get() != deadPort && nodes.stream().filter(Node::alive)
                    .allMatch(node -> info(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok"));
        });
        return masterOfSlot(slot).orElseThrow();
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    private Optional<Integer> masterOfSlot(long slot) {
        for (String line : clusterNodes(anyLive().port())) {
            String[] f = line.split(" ");
            if (!f[2].contains("master") || f[2].contains("fail") || f.length < 9) {
                continue;
            }
            for (int i = 8; i < f.length; i++) {
                String[] range = f[i].split("-");
                if (range[0].startsWith("[")) {
                    continue;
                }
                long from = Long.parseLong(range[0]);
                long to = range.length > 1 ? Long.parseLong(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Optional.of(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
                }
            }
        }
        return Optional.empty();
    }

    private Node anyLive() {
        return nodes.stream().filter(Node::alive).findFirst().orElseThrow();
    }

    private Node node(int port) {
        return nodes.stream().filter(n -> n.port() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node on " + port));
    }

    private void signal(int port, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(node(port).process().pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " failed");
        }
    }

    private int onlineReplicas(int port) {
        String replication = info(port, "INFO", "replication");
        return (int) replication.lines().filter(l -> l.startsWith("slave") && l.contains("state=online")).count();
    }

    private static List<String> clusterNodes(int port) {
        return info(port, "CLUSTER", "NODES").lines().filter(l -> !l.isBlank()).toList();
    }

    /** A command's text reply, or "" while the node does not answer. */
    private static String info(int port, Object... command) {
        try {
            try (RespSocket resp = RespSocket.connect(port, 1_000)) {
                return String.valueOf(resp.call(command));
            }
        } catch (IOException | IllegalStateException e) {
            return "";
        }
    }

    private static boolean answers(Node node) {
        return node.alive() && info(node.port(), "PING").equals("PONG");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + FORMING.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A loopback port whose cluster bus port (+10000) is free too. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = socket.getLocalPort();
                if (port + 10_000 > 65_535) {
                    continue;
                }
                try (ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getByName("127.0.0.1"))) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port pair for a cluster node");
    }

    @Override
    public void close() throws IOException {
        for (Node node : nodes) {
            node.process().destroyForcibly();
        }
        for (Node node : nodes) {
            try {
                node.process().onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("redis-server on " + node.port() + " did not stop", e);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
