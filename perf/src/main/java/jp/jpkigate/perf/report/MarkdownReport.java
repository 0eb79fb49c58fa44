package jp.jpkigate.perf.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The report as Markdown: the run, the scenarios, the targets, the floors, the revocation index. */
final class MarkdownReport {
    private final JsonObject report;
    private final StringBuilder out = new StringBuilder();

    MarkdownReport(JsonObject report) {
        this.report = report;
    }

    String render() {
        JsonObject run = report.getJsonObject("run");
        out.append("# JPKI Gate performance run, ").append(run.getString("started", "?")).append(" (")
                .append(run.getString("mode", "?")).append(")\n\n");
        out.append("Written by `perf/run.sh").append("quick".equals(run.getString("mode")) ? " --quick" : "")
                .append("` (").append(run.getString("command", "")).append(") at commit `").append(run.getString("commit", "?"))
                .append("`. Server CPU is read from `/proc/<pid>/stat` of the gateway and its Redis at the ends of each"
                        + " measurement window (warm-up and the load generator excluded).\n\n");
        out.append("| | |\n|---|---|\n");
        row("machine", run.getValue("cores", "?") + " cores; the load generator (Gatling) on the same cores");
        row("gateway JDK", run.getString("gatewayJava", "?"));
        row("load generator JDK", run.getString("gatlingJava", "?"));
        row("gateway", run.getString("gateway", ""));
        row("revocation index", run.getValue("indexEntries", "?") + " revoked serials loaded (bulk CRL of "
                + run.getValue("crlEntries", "?") + " entries)");
        row("people (cards)", String.valueOf(run.getValue("people", "?")));
        row("load average (1/5/15 min)", "before " + run.getString("loadBefore", "?") + "; after " + run.getString("loadAfter", "?"));
        row("other processes at start (top CPU)", run.getString("busiest", "?"));
        out.append('\n');

        scenarios();
        targets();
        floors();
        revocation();
        return out.toString();
    }

    private void scenarios() {
        out.append("## Scenarios\n\n");
        out.append("| scenario | load | ops in window | throughput /s | p50 / p95 / p99 / max (ms) | errors | server CPU ms/op"
                + " | floor ms/op | ratio | Gatling assertions |\n|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder breakdown = new StringBuilder();
        StringBuilder skipped = new StringBuilder();
        for (Object o : report.getJsonArray("scenarios")) {
            JsonObject row = (JsonObject) o;
            String name = row.getString("scenario");
            if (row.containsKey("skipped")) {
                skipped.append("- `").append(name).append("`: ").append(row.getString("skipped")).append('\n');
                continue;
            }
            JsonObject s = row.getJsonObject("summary");
            JsonObject l = s.getJsonObject("latencyMillis");
            out.append("| ").append(name).append(" | ").append(s.getString("load", "")).append(" | ")
                    .append(s.getValue("operations")).append(" | ").append(Target.format(s.getDouble("throughputPerSecond")))
                    .append(" | ").append(ms(l, "p50")).append(" / ").append(ms(l, "p95")).append(" / ").append(ms(l, "p99"))
                    .append(" / ").append(ms(l, "max")).append(" | ").append(s.getValue("errors")).append(" | ")
                    .append(number(s.getDouble("cpuMillisPerOperation"))).append(" | ").append(number(row.getDouble("floorMillis")))
                    .append(" | ").append(row.getDouble("ratioToFloor") == null ? "–" : row.getDouble("ratioToFloor") + "×")
                    .append(" | ").append(row.getString("gatlingAssertions")).append(" |\n");
            breakdown.append("- `").append(name).append("`: ").append(row.getString("operation")).append(". Floor: ")
                    .append(row.getString("floorFormula")).append(". CPU ms/op by thread kind: ")
                    .append(ReportWriter.breakdown(s)).append('\n');
        }
        out.append("\nWhat each operation is, its floor, and where its server CPU went:\n\n").append(breakdown);
        if (!skipped.isEmpty()) {
            out.append("\nNot run:\n\n").append(skipped);
        }
        out.append('\n');
    }

    private void targets() {
        out.append("## Targets of the issue\n\n| scenario | target | measured | |\n|---|---|---|---|\n");
        for (Object o : report.getJsonArray("scenarios")) {
            JsonObject row = (JsonObject) o;
            JsonArray targets = row.getJsonArray("targets");
            for (int i = 0; targets != null && i < targets.size(); i++) {
                targetRow(row.getString("scenario"), targets.getJsonObject(i));
            }
        }
        JsonArray revocation = report.getJsonObject("revocationIndex").getJsonArray("targets");
        for (int i = 0; i < revocation.size(); i++) {
            targetRow("revocation index", revocation.getJsonObject(i));
        }
        out.append('\n');
    }

    private void targetRow(String scenario, JsonObject t) {
        Boolean met = t.getBoolean("met");
        out.append("| ").append(scenario).append(" | ").append(t.getString("target")).append(" | ")
                .append(t.getString("measured")).append(" | ").append(met == null ? "n/a" : met ? "met" : "**missed**")
                .append(" |\n");
    }

    private void floors() {
        JsonObject floors = report.getJsonObject("floors");
        out.append("## Floors (same run)\n\n");
        out.append("HTTP floor: ").append(number(floors.getDouble("httpFloorMillisPerRequest")))
                .append(" ms server CPU per request of `TrivialEndpointServer` (Vert.x, router, body handler, constant JSON)"
                        + " under the single check's load, read from `/proc` like the gateway's. Crypto floor of a login: ")
                .append(number(floors.getDouble("loginCryptoMillis"))).append(" ms (")
                .append(String.join(" + ", Floors.LOGIN_CRYPTO)).append(").\n\n");
        out.append("| JMH benchmark (single thread) | µs/op |\n|---|---|\n");
        for (Map.Entry<String, Object> e : floors.getJsonObject("jmhMicrosPerOperation")) {
            out.append("| ").append(e.getKey()).append(" | ").append(Target.format(((Number) e.getValue()).doubleValue()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void revocation() {
        JsonObject index = report.getJsonObject("revocationIndex");
        out.append("## Revocation index\n\n");
        for (Map.Entry<String, Object> e : index) {
            if (!e.getKey().equals("targets")) {
                out.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
        }
        out.append('\n');
    }

    private void row(String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String ms(JsonObject latency, String key) {
        return Target.format(latency.getDouble(key));
    }

    private static String number(Double value) {
        return value == null || value.isNaN() ? "–" : Target.format(value);
    }
}
