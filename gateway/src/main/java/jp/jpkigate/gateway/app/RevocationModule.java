package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.redis.RedisClients;
import jp.jpkigate.revocation.replica.ReplicaCoordinator;
import jp.jpkigate.revocation.responder.OcspResponderIdentity;
import jp.jpkigate.revocation.service.RevocationRuntime;
import jp.jpkigate.revocation.service.RevocationService;
import jp.jpkigate.revocation.service.RevocationServiceOptions;
import jp.jpkigate.revocation.store.redis.RedisKeys;
import jp.jpkigate.revocation.store.redis.RedisLeaderLease;
import jp.jpkigate.revocation.store.redis.RedisRevocationStream;
import jp.jpkigate.revocation.store.redis.RedisSnapshotAnnouncements;
import jp.jpkigate.revocation.store.redis.RedisSnapshotStore;
import jp.jpkigate.revocation.web.CheckShortcut;
import jp.jpkigate.revocation.web.RevocationApiClients;
import jp.jpkigate.revocation.web.RevocationRoutes;

/**
 * The revocation cache of this replica, wired: CRL sources discovered at the publisher (the
 * simulator in dev), sharing through Redis (warm start, one ingesting replica, announcements, the
 * change stream), the public routes under {@code /revocation/} (the check API and OCSP) and
 * {@code GET /revocation/metrics} for the metrics listener.
 */
public final class RevocationModule {
    /** How long the ingest lease lasts without renewal; renewed every third of it. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** Where dev mode writes the generated OCSP responder certificate, for {@code openssl ocsp -VAfile}. */
    static final String DEV_RESPONDER_FILE = "ocsp-responder.pem";

    private final RevocationRuntime runtime;
    private final ReplicaCoordinator coordinator;
    private final Redis redis;
    private final RevocationApiClients clients;
    private final OcspResponderIdentity identity;
    private final Clock clock;

    private RevocationModule(RevocationRuntime runtime, ReplicaCoordinator coordinator, Redis redis,
                             RevocationApiClients clients, OcspResponderIdentity identity, Clock clock) {
        this.runtime = runtime;
        this.coordinator = coordinator;
        this.redis = redis;
        this.clients = clients;
        this.identity = identity;
        this.clock = clock;
    }

    /** Starts on the caller's context; completes when the cache is warm (or empty) and the routes exist. */
    public static Future<RevocationModule> start(Vertx vertx, GatewayConfig config, String publisherUrl, String redisUrl,
                                                 Clock clock) {
        GatewayConfig.Revocation settings = config.revocation();
        RevocationServiceOptions options = RevocationServiceOptions.defaults().withGrace(settings.grace());
        return responderIdentity(vertx, config, clock).compose(identity ->
                RevocationRuntime.fromSimulator(vertx, clock, publisherUrl, settings.refresh(), List.of(), options)
                        .compose(runtime -> {
                            Redis redis = RedisClients.create(vertx, redisUrl);
                            RedisSnapshotStore store = new RedisSnapshotStore(vertx, redis, RedisKeys.DEFAULT);
                            ReplicaCoordinator coordinator = new ReplicaCoordinator(vertx, runtime, store,
                                    new RedisSnapshotAnnouncements(vertx, redis, RedisKeys.DEFAULT, store),
                                    new RedisLeaderLease(redis, RedisKeys.DEFAULT, "crl-ingest", ReplicaIds.next(), LEASE, clock),
                                    new RedisRevocationStream(redis, RedisKeys.DEFAULT), clock, LEASE.dividedBy(3));
                            return coordinator.start().map(v -> new RevocationModule(runtime, coordinator, redis,
                                    RevocationApiClients.of(settings.clientSecretHashes()), identity, clock));
                        }));
    }

    /** The configured responder identity, or in dev a generated one whose certificate is written to the data dir. */
    private static Future<OcspResponderIdentity> responderIdentity(Vertx vertx, GatewayConfig config, Clock clock) {
        GatewayConfig.Revocation settings = config.revocation();
        if (settings.ocspCertFile() != null) {
            return OcspResponderIdentity.load(vertx, settings.ocspCertFile(), settings.ocspKeyFile());
        }
        OcspResponderIdentity generated = OcspResponderIdentity.generateSelfSigned(clock, new SecureRandom());
        Path file = responderCertificateFile(config);
        return vertx.fileSystem().mkdirs(config.dataDir().toString())
                .compose(v -> vertx.fileSystem().writeFile(file.toString(), Buffer.buffer(generated.certificatePem())))
                .map(generated);
    }

    /** The dev-mode responder certificate that relying parties pass to {@code openssl ocsp -VAfile}. */
    public static Path responderCertificateFile(GatewayConfig config) {
        return config.dataDir().resolve(DEV_RESPONDER_FILE);
    }

    /** New routes, for one HTTP verticle instance, to mount at {@link RevocationRoutes#MOUNT_POINT}. */
    public Router routes(Vertx vertx) {
        return RevocationRoutes.create(vertx, runtime.service(), clients, identity, clock);
    }

    /** The usual check requests, for one HTTP verticle instance to serve ahead of {@link #routes}. */
    public CheckShortcut checkShortcut(Vertx vertx) {
        return RevocationRoutes.checkShortcut(vertx, runtime.service(), clients, clock);
    }

    /** Adds {@code GET /revocation/metrics} to {@code router}: the metrics listener's, never the public one. */
    public Router addMetrics(Router router) {
        return RevocationRoutes.addMetrics(router, runtime.service(), clock);
    }

    /** For in-process callers such as the JPKI verifier. */
    public RevocationService service() {
        return runtime.service();
    }

    /** Fetches every CRL now if this replica holds the ingest lease (operators and tests); never fails. */
    public Future<Void> ingestNow() {
        return coordinator.leading() ? runtime.scheduler().ingestNow().mapEmpty() : Future.succeededFuture();
    }

    /** Releases the ingest lease (so another replica takes over at once) and stops everything. */
    public Future<Void> stop() {
        return coordinator.stop()
                .eventually(runtime::close)
                .eventually(redis::close);
    }
}
