package jp.jpkigate.gateway.config;

/**
 * The listener of {@code GET /metrics} (Prometheus text): a port of its own, so that the public
 * listener, and so an Ingress in front of it, never serves the metrics.
 *
 * @param enabled whether the gateway records metrics and listens
 * @param host    the interface to bind
 * @param port    the port; 0 picks a free one
 */
public record MetricsSettings(boolean enabled, String host, int port) {
    /** The port in prod. */
    public static final int DEFAULT_PORT = 9090;
    /** No metrics. */
    public static final MetricsSettings OFF = new MetricsSettings(false, "127.0.0.1", 0);

    /** From {@code metrics.*}: on by default; loopback and a free port in dev, all interfaces and 9090 in prod. */
    static MetricsSettings read(RawSettings raw, boolean dev) {
        Boolean enabled = raw.bool("metrics.enabled", true);
        String host = raw.string("metrics.host", dev ? "127.0.0.1" : "0.0.0.0");
        Integer port = raw.integer("metrics.port", 0, 65535, dev ? 0 : DEFAULT_PORT);
        if (host != null && host.isBlank()) {
            raw.mistake("metrics.host", "must not be blank");
            return null;
        }
        return enabled == null || host == null || port == null ? null : new MetricsSettings(enabled, host, port);
    }

    String describe() {
        return enabled ? host + ":" + port + " (GET /metrics, Prometheus text)" : "off";
    }
}
