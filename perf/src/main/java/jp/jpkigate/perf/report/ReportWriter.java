package jp.jpkigate.perf.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one run of {@code perf/run.sh} into the report: reads the results directory — {@code env.json}
 * (the run: mode, JDKs, machine load), per scenario {@code <name>.json} (the measurement window's
 * summary), {@code <name>.status} (Gatling's exit code: its assertions) or {@code <name>.skipped} (why
 * not), {@code jmh-*.json} (JMH's JSON results), {@code footprint.txt} and {@code ingest.txt} — and writes
 * the Markdown and the JSON report with, per scenario, the measured numbers, the floor, the ratio and
 * the targets (met or missed).
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar jp.jpkigate.perf.report.ReportWriter &lt;resultsDir&gt; &lt;report.md&gt; &lt;report.json&gt;
 * </pre>
 */
public final class ReportWriter {
    private static final Pattern FOOTPRINT = Pattern.compile("entries=([\\d,]+) bytesUsed=[\\d,]+ \\(([\\d.]+) B/entry\\)");
    private static final Pattern INGEST = Pattern.compile("ingested ([\\d,]+) entries .* ([\\d,]+) entries/s");
    private static final Pattern HEAP = Pattern.compile("peak heap used \\(sampled\\) ([\\d,]+) MB.*max heap ([\\d,]+) MB");

    private ReportWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ReportWriter <resultsDir> <report.md> <report.json>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        JsonObject report = build(dir);
        Files.writeString(Path.of(args[2]), report.encodePrettily() + "\n", StandardCharsets.UTF_8);
        Files.writeString(Path.of(args[1]), new MarkdownReport(report).render(), StandardCharsets.UTF_8);
        System.out.println("report: " + args[1] + ", " + args[2]);
    }

    static JsonObject build(Path dir) throws IOException {
        JsonObject env = readJson(dir.resolve("env.json")).orElse(new JsonObject());
        JsonArray jmh = new JsonArray();
        try (var files = Files.newDirectoryStream(dir, "jmh-*.json")) {
            for (Path file : files) {
                new JsonArray(Files.readString(file)).forEach(jmh::add);
            }
        }
        Optional<Double> http = readJson(dir.resolve("http-floor.json"))
                .map(s -> s.getDouble("cpuMillisPerOperation"));
        Floors floors = new Floors(jmh, http);

        JsonArray scenarios = new JsonArray();
        for (ScenarioSpec spec : ScenarioSpec.ALL) {
            Optional<JsonObject> summary = readJson(dir.resolve(spec.name() + ".json"));
            Path skipped = dir.resolve(spec.name() + ".skipped");
            JsonObject row = new JsonObject().put("scenario", spec.name()).put("operation", spec.what());
            if (summary.isPresent()) {
                JsonObject s = summary.get();
                Optional<Double> floor = floors.sum(spec.requests(), spec.benchmarks());
                double cpu = Optional.ofNullable(s.getDouble("cpuMillisPerOperation")).orElse(Double.NaN);
                row.put("summary", s).put("floorFormula", spec.floorFormula())
                        .put("floorMillis", floor.orElse(null))
                        .put("ratioToFloor", floor.map(f -> Math.round(cpu / f * 100) / 100.0).orElse(null))
                        .put("gatlingAssertions", status(dir, spec.name()));
                JsonArray targets = new JsonArray();
                spec.targets(s, floor, floors).forEach(t -> targets.add(t.toJson()));
                row.put("targets", targets);
            } else if (Files.exists(skipped)) {
                row.put("skipped", Files.readString(skipped).trim());
            } else {
                continue;
            }
            scenarios.add(row);
        }

        JsonObject floorJson = new JsonObject().put("httpFloorMillisPerRequest", http.orElse(null));
        JsonObject jmhJson = new JsonObject();
        floors.micros().forEach((k, v) -> jmhJson.put(k, Math.round(v * 1000) / 1000.0));
        floorJson.put("jmhMicrosPerOperation", jmhJson);
        floors.sum(0, Floors.LOGIN_CRYPTO).ifPresent(f -> floorJson.put("loginCryptoMillis", f));
        return new JsonObject().put("run", env).put("floors", floorJson).put("scenarios", scenarios)
                .put("revocationIndex", revocation(dir, floors, env.getString("mode", "")));
    }

    /** The in-memory index and the streaming ingest against their targets. */
    private static JsonObject revocation(Path dir, Floors floors, String mode) throws IOException {
        JsonObject out = new JsonObject();
        JsonArray targets = new JsonArray();
        floors.micros().entrySet().stream().filter(e -> e.getKey().startsWith("RevokedSerialLookupBenchmark.findLong"))
                .forEach(e -> {
                    double nanos = e.getValue() * 1000;
                    out.put(e.getKey(), nanos);
                    targets.add(Target.check("lookup ≤ 150 ns (" + e.getKey().replaceAll(".*\\[(.*)]", "$1") + ")", nanos,
                            " ns", nanos <= 150).toJson());
                });
        for (String line : lines(dir.resolve("footprint.txt"))) {
            Matcher m = FOOTPRINT.matcher(line);
            if (m.find()) {
                double bytes = Double.parseDouble(m.group(2));
                out.put("bytesPerEntry", bytes).put("footprintEntries", m.group(1));
                targets.add(Target.check("≤ 10 bytes per entry (" + m.group(1) + " entries)", bytes, " B", bytes <= 10).toJson());
            }
        }
        Long rate = null;
        Long heap = null;
        String ingested = null;
        for (String line : lines(dir.resolve("ingest.txt"))) {
            Matcher m = INGEST.matcher(line);
            if (m.find()) {
                ingested = m.group(1);
                rate = Long.parseLong(m.group(2).replace(",", ""));
            }
            Matcher h = HEAP.matcher(line);
            if (h.find()) {
                heap = Long.parseLong(h.group(2).replace(",", ""));
                out.put("ingestPeakHeapMb", Long.parseLong(h.group(1).replace(",", "")));
            }
        }
        if (rate != null) {
            out.put("ingestEntries", ingested).put("ingestEntriesPerSecond", rate).put("ingestMaxHeapMb", heap);
            targets.add(Target.check("CRL of " + ingested + " entries ingested streaming at ≥ 1M entries/s in a 1 GiB heap",
                    rate, " entries/s (max heap " + heap + " MB)", rate >= 1_000_000 && heap != null && heap <= 1024).toJson());
        }
        if (!"full".equals(mode)) {
            out.put("note", "quick mode: the issue's sizes are 50M entries; this run used smaller ones");
        }
        return out.put("targets", targets);
    }

    private static String status(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".status");
        if (!Files.exists(file)) {
            return "unknown";
        }
        return Files.readString(file).trim().equals("0") ? "passed" : "failed";
    }

    private static Optional<JsonObject> readJson(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(new JsonObject(Files.readString(file))) : Optional.empty();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : new ArrayList<>();
    }

    /** For {@link MarkdownReport}: the scenario rows' CPU breakdown by thread kind, per process. */
    static String breakdown(JsonObject summary) {
        JsonObject cpu = summary.getJsonObject("serverCpuMillis");
        if (cpu == null) {
            return "";
        }
        long operations = Math.max(1, Math.round(summary.getDouble("throughputPerSecond") * summary.getDouble("windowSeconds")));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : cpu) {
            double perOperation = ((Number) e.getValue()).doubleValue() / operations;
            if (perOperation >= 0.005) {
                parts.add(e.getKey().replaceAll("-\\d+", "") + " " + Target.format(perOperation));
            }
        }
        return String.join(", ", parts);
    }
}
