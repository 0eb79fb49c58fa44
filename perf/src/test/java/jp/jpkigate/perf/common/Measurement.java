package jp.jpkigate.perf.common;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The measurement window of one scenario: a probe user opens it after the warm-up and closes it after
 * the duration, reading the server processes' CPU time ({@link ServerCpu}) at both ends, so the
 * warm-up, its JIT compilation and the load generator's own CPU never count. Operations that start
 * while the window is open run in the group named after the scenario and are timed from their first
 * request to the end of their last step; the others run in the group {@code warm-up}.
 *
 * <p>An operation that fails leaves its virtual user ({@code exitHereIfFailed} in the steps), so
 * errors are the operations started in the window that never completed. The summary (JSON, see
 * {@link #report}) is what {@code perf/run.sh} turns into the report.
 */
public final class Measurement {
    private static final String STARTED = "measurement.startNanos";

    private final RunSettings settings;
    private final ServerCpu cpu;
    private final int itemsPerOperation;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private long[] latencies = new long[1024];
    private int count;
    private volatile boolean open;
    private volatile long openNanos;
    private volatile long closeNanos;
    private volatile long completedAtClose;
    private volatile Map<String, Long> openCpu = Map.of();
    private volatile Map<String, Long> closeCpu = Map.of();
    private volatile String loadAtOpen = "";
    private volatile String loadAtClose = "";
    private volatile LongSupplier itemsInWindow;

    /** @param itemsPerOperation what one operation carries (certificates in a batch, invitations), 1 otherwise */
    public Measurement(RunSettings settings, int itemsPerOperation) {
        this.settings = settings;
        this.cpu = new ServerCpu(settings.serverPids(), settings.clockTicks());
        this.itemsPerOperation = itemsPerOperation;
    }

    /** {@code operation} timed and counted when it starts inside the window, in the warm-up group otherwise. */
    public ChainBuilder operation(ChainBuilder operation) {
        ChainBuilder timed = exec(this::start).exec(operation).exec(this::done);
        return doIfOrElse(session -> open).then(group(settings.scenario()).on(timed))
                .orElse(group("warm-up").on(operation));
    }

    /** The probe that opens the window after the warm-up and closes it after the duration. */
    public PopulationBuilder window() {
        return scenario("measurement window").exec(exec(this::open).pause(settings.duration()).exec(this::close))
                .injectOpen(nothingFor(settings.warmUp()), atOnceUsers(1));
    }

    /** Whether the window has closed (operations looping until the end stop then). */
    public boolean ended() {
        return closeNanos != 0;
    }

    /**
     * Counts throughput and CPU per item in {@code items} (items completed while the window was open)
     * instead of per operation: for a scenario whose unit of work is not one request (the feed's events,
     * many to a poll or pushed by the gateway itself).
     */
    public void perItem(LongSupplier items) {
        this.itemsInWindow = items;
    }

    /** Whether the window is open now. */
    public boolean inWindow() {
        return open;
    }

    private Session start(Session session) {
        started.incrementAndGet();
        return session.set(STARTED, System.nanoTime());
    }

    private Session done(Session session) {
        long micros = (System.nanoTime() - session.getLong(STARTED)) / 1000;
        completed.incrementAndGet();
        synchronized (this) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = micros;
        }
        return session.remove(STARTED);
    }

    private Session open(Session session) {
        loadAtOpen = loadAverage();
        openCpu = cpu.millis();
        openNanos = System.nanoTime();
        open = true;
        return session;
    }

    private Session close(Session session) {
        open = false;
        closeNanos = System.nanoTime();
        completedAtClose = completed.get();
        closeCpu = cpu.millis();
        loadAtClose = loadAverage();
        return session;
    }

    /**
     * Prints the window's numbers and writes them to {@code perf.summaryFile} if set:
     * <pre>
     * {"scenario", "operations", "errors", "windowSeconds", "throughputPerSecond", "itemsPerOperation",
     *  "latencyMillis": {"p50", "p95", "p99", "max"}, "serverCpuMillis": {"&lt;comm&gt;-&lt;pid&gt;[.&lt;kind&gt;]": ms},
     *  "serverCpuMillisTotal", "cpuMillisPerOperation", "loadAverage": {"open", "close"}}
     * </pre>
     * Throughput counts the operations completed while the window was open (or the items, {@link #perItem});
     * CPU per operation divides the window's server CPU by them.
     */
    public JsonObject report(Map<String, Object> extra) throws IOException {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(latencies, count);
        }
        Arrays.sort(sorted);
        double seconds = (closeNanos - openNanos) / 1e9;
        LongSupplier items = itemsInWindow;
        long inWindow = items == null ? completedAtClose : items.getAsLong();
        Map<String, Long> used = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : closeCpu.entrySet()) {
            long millis = e.getValue() - openCpu.getOrDefault(e.getKey(), 0L);
            used.put(e.getKey(), millis);
            total += e.getKey().contains(".") ? 0 : millis; // "<process>.<kind>" are parts of a process
        }
        JsonObject summary = new JsonObject()
                .put("scenario", settings.scenario())
                .put("operations", sorted.length)
                .put("errors", started.get() - completed.get())
                .put("windowSeconds", round(seconds))
                .put("throughputPerSecond", round(seconds > 0 ? inWindow / seconds : 0))
                .put("itemsPerOperation", itemsPerOperation)
                .put("throughputUnit", items == null ? "operation" : "item")
                .put("latencyMillis", new JsonObject().put("p50", percentile(sorted, 50)).put("p95", percentile(sorted, 95))
                        .put("p99", percentile(sorted, 99)).put("max", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0))
                .put("loadAverage", new JsonObject().put("open", loadAtOpen).put("close", loadAtClose));
        if (cpu.enabled()) {
            summary.put("serverCpuMillis", new JsonObject(new LinkedHashMap<>(used)))
                    .put("serverCpuMillisTotal", total)
                    .put("cpuMillisPerOperation", inWindow == 0 ? null : round((double) total / inWindow));
        }
        extra.forEach(summary::put);
        System.out.println("Measurement window of " + settings.scenario() + ":\n" + summary.encodePrettily());
        if (settings.summaryFile().isPresent()) {
            Path file = settings.summaryFile().get();
            Files.writeString(file, summary.encodePrettily());
        }
        return summary;
    }

    private static double percentile(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(rank, sortedMicros.length - 1))] / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
