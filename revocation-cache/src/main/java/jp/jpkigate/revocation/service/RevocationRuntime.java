package jp.jpkigate.revocation.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.revocation.cache.RevocationCache;
import jp.jpkigate.revocation.crl.CrlIngest;
import jp.jpkigate.revocation.crl.StreamingCrlParser;
import jp.jpkigate.revocation.ocsp.OcspClient;
import jp.jpkigate.revocation.ocsp.OcspIssuer;
import jp.jpkigate.revocation.source.CrlDownloader;
import jp.jpkigate.revocation.source.CrlSource;
import jp.jpkigate.revocation.source.IngestReport;
import jp.jpkigate.revocation.source.IngestScheduler;
import jp.jpkigate.revocation.source.SimulatorDiscovery;

/**
 * The revocation cache of one replica, wired: the in-memory cache, the CRL ingest schedule, the
 * OCSP client and the service. Typical use:
 * <pre>{@code
 * RevocationRuntime runtime = RevocationRuntime.create(vertx, clock, sources, options);
 * runtime.cache().addListener(update -> ...);          // e.g. append update.changes() to the stream
 * runtime.cache().install(sourceId, snapshot, version); // optional warm start from the shared store
 * runtime.start();                                      // first ingest round, then the schedule
 * RevocationService service = runtime.service();
 * }</pre>
 * Create it on the Vert.x context that should run the schedule and the OCSP cache (a verticle's).
 */
public final class RevocationRuntime {
    private static final int CRL_WORKERS = 2;

    private final RevocationCache cache;
    private final IngestScheduler scheduler;
    private final DefaultRevocationService service;
    private final RevocationMetrics metrics;
    private final WebClient client;
    private final WorkerExecutor worker;

    private RevocationRuntime(RevocationCache cache, IngestScheduler scheduler, DefaultRevocationService service,
                              RevocationMetrics metrics, WebClient client, WorkerExecutor worker) {
        this.cache = cache;
        this.scheduler = scheduler;
        this.service = service;
        this.metrics = metrics;
        this.client = client;
        this.worker = worker;
    }

    /** Wires everything for these CRL sources; nothing is fetched before {@link #start()}. */
    public static RevocationRuntime create(Vertx vertx, Clock clock, List<CrlSource> sources,
                                           RevocationServiceOptions options) {
        RevocationMetrics metrics = new RevocationMetrics();
        RevocationCache cache = new RevocationCache();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("jpki-gate-revocation")
                .setFollowRedirects(false));
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("revocation-crl-ingest", CRL_WORKERS, 2, TimeUnit.HOURS);
        CrlIngest ingest = new CrlIngest(new StreamingCrlParser(), clock, options.maxClockSkew());
        IngestScheduler scheduler = new IngestScheduler(vertx, new CrlDownloader(vertx, client, options.download()),
                ingest, cache, worker, metrics, clock);
        sources.forEach(scheduler::add);
        OcspClient ocsp = new OcspClient(client, clock, new SecureRandom(), options.ocspTimeout(), options.maxClockSkew());
        DefaultRevocationService service = new DefaultRevocationService(vertx.getOrCreateContext(), cache, ocsp, clock,
                options, metrics);
        return new RevocationRuntime(cache, scheduler, service, metrics, client, worker);
    }

    /**
     * Dev mode: discovers the simulator's CA generations at {@code baseUrl} and wires a CRL source
     * for each (or for each of {@code partitions}) and its OCSP responder, in addition to any
     * OCSP issuers already in {@code options}.
     */
    public static Future<RevocationRuntime> fromSimulator(Vertx vertx, Clock clock, String baseUrl, Duration interval,
                                                          List<SimulatorDiscovery.Partition> partitions,
                                                          RevocationServiceOptions options) {
        WebClient discovery = WebClient.create(vertx);
        return SimulatorDiscovery.discover(discovery, baseUrl, interval, partitions)
                .eventually(() -> {
                    discovery.close();
                    return Future.succeededFuture();
                })
                .map(found -> {
                    List<OcspIssuer> ocsp = new ArrayList<>(options.ocspIssuers());
                    ocsp.addAll(found.ocspIssuers());
                    return create(vertx, clock, found.crlSources(), options.withOcspIssuers(ocsp));
                });
    }

    /** The first ingest round of every source (never fails: see the reports), then the schedule. */
    public Future<List<IngestReport>> start() {
        return scheduler.start();
    }

    public DefaultRevocationService service() {
        return service;
    }

    public RevocationCache cache() {
        return cache;
    }

    public IngestScheduler scheduler() {
        return scheduler;
    }

    public RevocationMetrics metrics() {
        return metrics;
    }

    public Future<Void> close() {
        scheduler.stop();
        client.close();
        return worker.close();
    }
}
