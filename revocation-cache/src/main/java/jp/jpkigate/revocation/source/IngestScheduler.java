package jp.jpkigate.revocation.source;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.cache.RevocationCache;
import jp.jpkigate.revocation.crl.CrlIngest;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.service.RevocationMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every configured CRL source current. Per source and run: with nothing loaded, the complete
 * CRL; otherwise the delta CRL against the CRL number held (RFC 5280 section 5.2.4), falling back
 * to the complete CRL when the publisher does not know that base (404 {@code unknown-base-crl})
 * or the delta is refused. Downloads are conditional; parsing and the swap run on a bounded
 * worker pool, never on the event loop.
 *
 * <p>All bookkeeping runs on the scheduler's own Vert.x context, one run per source at a time
 * (a second {@link #ingestNow} joins the run in flight). Failures are counted
 * ({@link RevocationMetrics#crlFailures}), logged without URLs' credentials or query, and never stop
 * the schedule: the data held stays in force until it is stale.
 */
public final class IngestScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(IngestScheduler.class);

    private final Vertx vertx;
    private final Context context;
    private final CrlDownloader downloader;
    private final CrlIngest ingest;
    private final RevocationCache cache;
    private final WorkerExecutor worker;
    private final RevocationMetrics metrics;
    private final Clock clock;
    private final IngestStats stats = new IngestStats();
    private final Map<String, SourceRun> runs = new LinkedHashMap<>();
    private final List<Long> timers = new ArrayList<>();

    public IngestScheduler(Vertx vertx, CrlDownloader downloader, CrlIngest ingest, RevocationCache cache,
                           WorkerExecutor worker, RevocationMetrics metrics, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.context = vertx.getOrCreateContext();
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds a source (before {@link #start}) and registers it with the cache, so its issuer counts as covered. */
    public synchronized void add(CrlSource source) {
        if (runs.containsKey(source.id())) {
            throw new IllegalArgumentException("duplicate CRL source id " + source.id());
        }
        cache.register(source.issuer(), source.issuerName(), source.id(), source.partition());
        runs.put(source.id(), new SourceRun(source));
    }

    public synchronized List<CrlSource> sources() {
        return runs.values().stream().map(run -> run.source).toList();
    }

    public IngestStats stats() {
        return stats;
    }

    /** Runs every source once, then on its interval. The future completes after the first round and never fails. */
    public Future<List<IngestReport>> start() {
        return ingestNow().onComplete(ar -> context.runOnContext(v -> {
            for (CrlSource source : sources()) {
                timers.add(vertx.setPeriodic(source.interval().toMillis(), id -> ingestNow(source.id())));
            }
        }));
    }

    /** Stops the schedule (runs in flight finish). */
    public void stop() {
        context.runOnContext(v -> timers.forEach(vertx::cancelTimer));
    }

    /** Runs every source now. */
    public Future<List<IngestReport>> ingestNow() {
        List<Future<IngestReport>> all = sources().stream().map(s -> ingestNow(s.id())).toList();
        return Future.join(all).map(v -> all.stream().map(Future::result).toList());
    }

    /** Runs one source now (joining a run in flight); never fails, a failure is a {@code FAILED} report. */
    public Future<IngestReport> ingestNow(String sourceId) {
        SourceRun run;
        synchronized (this) {
            run = runs.get(sourceId);
        }
        if (run == null) {
            return Future.succeededFuture(new IngestReport(sourceId, IngestReport.Kind.FAILED, 0, "unknown source"));
        }
        Promise<IngestReport> promise = Promise.promise();
        context.runOnContext(v -> {
            if (run.inFlight == null) {
                run.inFlight = runOnce(run).onComplete(ar -> run.inFlight = null);
            }
            run.inFlight.onComplete(promise);
        });
        return promise.future();
    }

    private Future<IngestReport> runOnce(SourceRun run) {
        CrlSource source = run.source;
        Optional<CrlSnapshot> current = cache.current(source.id());
        Optional<String> deltaUrl = current.flatMap(s -> source.deltaUrl(s.metadata().crlNumber()));
        Future<Optional<IngestReport>> attempt = deltaUrl.isPresent()
                ? run.attempt(deltaUrl.get(), current.get(), true)
                : Future.succeededFuture(Optional.empty());
        return attempt
                .compose(report -> {
                    if (report.isPresent()) {
                        return Future.succeededFuture(report.get());
                    }
                    if (deltaUrl.isPresent()) {
                        stats.deltaFallbacks.increment();
                    }
                    return run.attempt(source.fullUrl(), cache.current(source.id()).orElse(null), false)
                            .map(full -> full.orElseThrow(() -> new DownloadException(
                                    "GET " + CrlSource.forLog(source.fullUrl()) + " answered 404")));
                })
                .recover(error -> {
                    metrics.crlFailures.increment();
                    LOG.warn("CRL source {}: {}", source.id(), error.getMessage());
                    return Future.succeededFuture(new IngestReport(source.id(), IngestReport.Kind.FAILED, 0,
                            String.valueOf(error.getMessage())));
                })
                .onSuccess(report -> {
                    stats.count(report.kind());
                    if (report.kind() == IngestReport.Kind.FULL || report.kind() == IngestReport.Kind.DELTA) {
                        metrics.crlIngests.increment();
                        LOG.info("CRL source {}: {} ingest, {} changes", source.id(), report.kind(), report.changes());
                    }
                });
    }

    /** One source's schedule state; touched only on the scheduler's context. */
    private final class SourceRun {
        final CrlSource source;
        Future<IngestReport> inFlight;
        String validatedUrl;
        Validators validators = Validators.NONE;

        SourceRun(CrlSource source) {
            this.source = source;
        }

        /** Downloads and ingests {@code url}; empty means "fall back to the complete CRL". */
        Future<Optional<IngestReport>> attempt(String url, CrlSnapshot current, boolean delta) {
            Validators sent = url.equals(validatedUrl) ? validators : Validators.NONE;
            return downloader.fetch(url, sent).compose(download -> {
                if (download instanceof Download.NotModified) {
                    return Future.succeededFuture(Optional.of(report(IngestReport.Kind.NOT_MODIFIED, 0)));
                }
                if (download instanceof Download.NotFound notFound) {
                    LOG.info("CRL source {}: {} not found ({})", source.id(), delta ? "delta" : "CRL", notFound.problemType());
                    return Future.succeededFuture(Optional.empty());
                }
                Download.Fetched fetched = (Download.Fetched) download;
                CrlFileIngest job = new CrlFileIngest(ingest, cache, clock, source, fetched.file(), current, delta);
                return worker.executeBlocking(job, false).map(result -> {
                    result.ifPresent(r -> {
                        validatedUrl = url;
                        validators = fetched.validators();
                    });
                    return result;
                });
            });
        }

        private IngestReport report(IngestReport.Kind kind, int changes) {
            return new IngestReport(source.id(), kind, changes, "");
        }
    }
}
