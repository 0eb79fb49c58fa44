package jp.jpkigate.feed.metrics;

import java.util.Map;
import java.util.function.ToLongFunction;

/** Writes the Prometheus text exposition format 0.0.4, one metric family at a time, labelled by business. */
final class PrometheusText {
    private final StringBuilder out = new StringBuilder();

    void gauge(String name, String help, Map<String, Long> values) {
        header(name, help, "gauge");
        values.forEach((client, value) -> sample(name, client, "", value));
    }

    void counter(String name, String help, Map<String, InProcessFeedMetrics.Business> businesses,
                 ToLongFunction<InProcessFeedMetrics.Business> value) {
        header(name, help, "counter");
        businesses.forEach((client, b) -> sample(name, client, "", value.applyAsLong(b)));
    }

    void histogram(String name, String help, Map<String, InProcessFeedMetrics.Business> businesses) {
        header(name, help, "histogram");
        businesses.forEach((client, b) -> {
            long cumulative = 0;
            for (int i = 0; i < InProcessFeedMetrics.BUCKETS.length; i++) {
                cumulative += b.buckets[i].sum();
                sample(name + "_bucket", client, ",le=\"" + InProcessFeedMetrics.BUCKETS[i] + "\"", cumulative);
            }
            long count = b.delivered.sum();
            sample(name + "_bucket", client, ",le=\"+Inf\"", count);
            out.append(name).append("_sum{client=\"").append(escape(client)).append("\"} ")
                    .append(b.latencyMillis.sum() / 1000.0).append('\n');
            sample(name + "_count", client, "", count);
        });
    }

    private void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String client, String moreLabels, long value) {
        out.append(name).append("{client=\"").append(escape(client)).append('"').append(moreLabels).append("} ")
                .append(value).append('\n');
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
