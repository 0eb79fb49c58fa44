package jp.jpkigate.perf.login;

import io.gatling.javaapi.core.Session;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts completed logins and reads the server processes' CPU time at the start and the end of the
 * measurement window (a probe user opens it after the warm-up and closes it after the duration), so
 * server CPU per login excludes the warm-up and its JIT compilation.
 */
final class MeasurementWindow {
    private final ServerCpu cpu;
    private final AtomicLong logins = new AtomicLong();
    private volatile long openLogins;
    private volatile long closeLogins;
    private volatile long openNanos;
    private volatile long closeNanos;
    private volatile Map<String, Long> openCpu = Map.of();
    private volatile Map<String, Long> closeCpu = Map.of();

    MeasurementWindow(ServerCpu cpu) {
        this.cpu = cpu;
    }

    /** After a login's last step (warm-up or measured). */
    Session loginDone(Session session) {
        logins.incrementAndGet();
        return session;
    }

    Session open(Session session) {
        openCpu = cpu.millis();
        openLogins = logins.get();
        openNanos = System.nanoTime();
        return session;
    }

    Session close(Session session) {
        closeNanos = System.nanoTime();
        closeLogins = logins.get();
        closeCpu = cpu.millis();
        return session;
    }

    /** Prints the window's logins and server CPU per login, and writes them to {@code file} if given. */
    void report(LoginSettings settings) throws IOException {
        Properties summary = new Properties();
        long measured = closeLogins - openLogins;
        double seconds = (closeNanos - openNanos) / 1e9;
        summary.setProperty("logins.total", Long.toString(logins.get()));
        summary.setProperty("window.logins", Long.toString(measured));
        summary.setProperty("window.seconds", String.format("%.1f", seconds));
        summary.setProperty("window.loginsPerSecond", String.format("%.2f", measured / Math.max(seconds, 1e-9)));
        long cpuTotal = 0;
        for (Map.Entry<String, Long> e : closeCpu.entrySet()) {
            long used = e.getValue() - openCpu.getOrDefault(e.getKey(), 0L);
            cpuTotal += e.getKey().contains(".") ? 0 : used;  // processes; "<process>.<kind>" are parts of them
            summary.setProperty("window.cpuMillis." + e.getKey(), Long.toString(used));
            summary.setProperty("window.cpuMillisPerLogin." + e.getKey(), perLogin(used, measured));
        }
        if (cpu.enabled()) {
            summary.setProperty("window.cpuMillisPerLogin", perLogin(cpuTotal, measured));
        }
        System.out.println("Measurement window (after the warm-up):");
        summary.stringPropertyNames().stream().sorted()
                .forEach(k -> System.out.printf("  %-50s %s%n", k, summary.getProperty(k)));
        if (settings.summaryFile().isPresent()) {
            Path file = settings.summaryFile().get();
            try (Writer out = Files.newBufferedWriter(file)) {
                summary.store(out, "JpkiLoginSimulation");
            }
        }
    }

    private static String perLogin(long millis, long logins) {
        return logins == 0 ? "n/a" : String.format("%.2f", (double) millis / logins);
    }
}
