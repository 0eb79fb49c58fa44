package jp.jpkigate.revocation.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import jp.jpkigate.revocation.service.IssuerInfo;
import jp.jpkigate.revocation.service.RevocationMetrics;

/**
 * The revocation cache's state in the Prometheus text exposition format (version 0.0.4): one gauge set
 * per CA generation (labels {@code issuer} = key id hex, {@code name}), the counters of
 * {@link RevocationMetrics}, and the index hit ratio (NaN before the first lookup).
 */
final class MetricsText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PREFIX = "jpki_revocation_";

    private final StringBuilder out = new StringBuilder(2048);

    private MetricsText() {
    }

    static String render(List<IssuerInfo> issuers, RevocationMetrics metrics, Instant now) {
        MetricsText text = new MetricsText();
        text.issuers(issuers, now);
        text.counter("index_hits_total", "Checks answered from the in-memory index.", metrics.indexHits);
        text.counter("index_misses_total", "Checks the index could not answer (stale or issuer not covered).",
                metrics.indexMisses);
        text.counter("ocsp_fallbacks_total", "OCSP fallback queries sent.", metrics.ocspFallbacks);
        text.counter("ocsp_cache_hits_total", "OCSP answers served from the OCSP answer cache.", metrics.ocspCacheHits);
        text.counter("fail_closed_total", "Unknown answers: the callers fail closed.", metrics.failClosed);
        text.counter("crl_ingests_total", "CRLs ingested (full or delta) by this replica.", metrics.crlIngests);
        text.counter("crl_failures_total", "CRL downloads or ingests that failed.", metrics.crlFailures);
        text.counter("snapshot_loads_total", "Snapshots loaded from the shared store.", metrics.snapshotLoads);
        long hits = metrics.indexHits.sum();
        long lookups = hits + metrics.indexMisses.sum();
        text.header("index_hit_ratio", "gauge", "Index hits / (hits + misses) since start.");
        text.sample("index_hit_ratio", "", lookups == 0 ? "NaN" : Double.toString((double) hits / lookups));
        return text.out.toString();
    }

    private void issuers(List<IssuerInfo> issuers, Instant now) {
        header("issuer_entries", "gauge", "Revoked serials in the loaded data of a CA generation.");
        issuers.forEach(i -> sample("issuer_entries", labels(i), Long.toString(i.entries())));
        header("issuer_data_version", "gauge", "Version of the loaded data of a CA generation (0: not loaded).");
        issuers.forEach(i -> sample("issuer_data_version", labels(i), Long.toString(i.version())));
        header("issuer_data_age_seconds", "gauge", "Seconds since thisUpdate of the loaded data (absent: not loaded).");
        issuers.forEach(i -> i.thisUpdate().ifPresent(t ->
                sample("issuer_data_age_seconds", labels(i), Long.toString(Duration.between(t, now).getSeconds()))));
        header("issuer_next_update_seconds", "gauge", "Seconds until nextUpdate of the loaded data (negative: stale).");
        issuers.forEach(i -> i.nextUpdate().ifPresent(t ->
                sample("issuer_next_update_seconds", labels(i), Long.toString(Duration.between(now, t).getSeconds()))));
    }

    private void counter(String name, String help, LongAdder value) {
        header(name, "counter", help);
        sample(name, "", Long.toString(value.sum()));
    }

    private void header(String name, String type, String help) {
        out.append("# HELP ").append(PREFIX).append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(PREFIX).append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, String value) {
        out.append(PREFIX).append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static String labels(IssuerInfo issuer) {
        return "{issuer=\"" + escape(issuer.key().keyIdHex()) + "\",name=\"" + escape(issuer.name()) + "\"}";
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
