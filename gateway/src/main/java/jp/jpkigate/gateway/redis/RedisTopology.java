package jp.jpkigate.gateway.redis;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisClusterTransactions;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the one Redis connection string ({@code redis.url}, {@code REDIS_URL}) into the Vert.x
 * client's topology, so a single Secret value names a standalone Redis, a Sentinel-watched master
 * or a Cluster, with TLS and credentials:
 * <ul>
 *   <li>{@code redis://[user:password@]host:port[/db]}, {@code rediss://…} (TLS), {@code unix://path}: standalone;</li>
 *   <li>{@code redis-sentinel://[user:password@]host1:26379,host2:26379[/db]?master=NAME} (or {@code rediss-sentinel://}):
 *       the sentinels, asked for the master {@code NAME}; Vert.x authenticates at the sentinels and at the master
 *       with the same credentials and TLS;</li>
 *   <li>{@code redis-cluster://[user:password@]host1:6379,host2:6379} (or {@code rediss-cluster://}): seed nodes of a
 *       Cluster; every key the gateway uses carries a hash tag, so multi-key commands stay on one slot.</li>
 * </ul>
 * The schemes follow Lettuce's {@code redis-sentinel://}; {@code master} may also be written {@code sentinelMasterId}.
 *
 * @param type      standalone, sentinel or cluster
 * @param endpoints one Vert.x connection string per host, each with the credentials, TLS and database
 * @param master    the Sentinel master name; {@code null} otherwise
 */
public record RedisTopology(RedisClientType type, List<String> endpoints, String master) {
    /** The schemes a connection string may start with, for messages. */
    public static final String SCHEMES = "redis://, rediss://, unix://, redis-sentinel://, rediss-sentinel://,"
            + " redis-cluster:// or rediss-cluster://";

    public RedisTopology {
        endpoints = List.copyOf(endpoints);
    }

    /** Whether {@code url} starts with a known scheme and has something after it. */
    public static boolean isKnown(String url) {
        return url.matches("(?s)(redis|rediss|unix|redis-sentinel|rediss-sentinel|redis-cluster|rediss-cluster)://.+");
    }

    /**
     * Parses {@code url} (see the class comment).
     *
     * @throws IllegalArgumentException with a message that never shows the password
     */
    public static RedisTopology parse(String url) {
        int colon = url.indexOf("://");
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!isKnown(url)) {
            throw new IllegalArgumentException("redis.url must start with " + SCHEMES);
        }
        if (!scheme.endsWith("-sentinel") && !scheme.endsWith("-cluster")) {
            return new RedisTopology(RedisClientType.STANDALONE, List.of(url), null);
        }
        boolean sentinel = scheme.endsWith("-sentinel");
        String base = scheme.substring(0, scheme.indexOf('-'));
        String rest = url.substring(colon + 3);
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? "" : rest.substring(0, at + 1);
        String afterUser = rest.substring(at + 1);
        int query = afterUser.indexOf('?');
        String queryText = query < 0 ? "" : afterUser.substring(query + 1);
        String hostsAndPath = query < 0 ? afterUser : afterUser.substring(0, query);
        int slash = hostsAndPath.indexOf('/');
        String path = slash < 0 ? "" : hostsAndPath.substring(slash);
        String hosts = slash < 0 ? hostsAndPath : hostsAndPath.substring(0, slash);
        List<String> endpoints = new ArrayList<>();
        for (String host : hosts.split(",")) {
            if (host.isBlank()) {
                throw new IllegalArgumentException("redis.url names an empty host in its list");
            }
            endpoints.add(base + "://" + userInfo + host.trim() + path);
        }
        String master = queryValue(queryText, "master");
        if (master == null) {
            master = queryValue(queryText, "sentinelMasterId");
        }
        if (sentinel && (master == null || master.isBlank())) {
            throw new IllegalArgumentException("redis.url of a Sentinel needs ?master=<name>");
        }
        return new RedisTopology(sentinel ? RedisClientType.SENTINEL : RedisClientType.CLUSTER, endpoints,
                sentinel ? master : null);
    }

    private static String queryValue(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /**
     * Sets the type, endpoints and, for Sentinel, the master (always the master role: the gateway writes); a
     * Cluster reads from masters and allows single-node transactions ({@code WATCH} for replica-acknowledged writes).
     */
    public RedisOptions applyTo(RedisOptions options) {
        options.setType(type).setEndpoints(new ArrayList<>(endpoints));
        if (type == RedisClientType.SENTINEL) {
            options.setMasterName(master).setRole(RedisRole.MASTER);
        } else if (type == RedisClientType.CLUSTER) {
            // SINGLE_NODE: a WATCH pins a connection to its key's node, so a consent write and its WAIT share one.
            options.setUseReplicas(RedisReplicas.NEVER).setClusterTransactions(RedisClusterTransactions.SINGLE_NODE);
        }
        return options;
    }
}
