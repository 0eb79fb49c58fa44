package jp.jpkigate.gateway.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import jp.jpkigate.gateway.config.MetricsSettings;

/**
 * The gateway's Micrometer metrics: a {@link Vertx} that records them (vertx-micrometer-metrics) in
 * a Prometheus registry. HTTP server requests are labelled by route pattern (never the raw path,
 * which holds transaction ids), method, status code and local address (public listener, admin API,
 * metrics listener); pools by type and name; the JVM's memory, GC, threads and CPU are included.
 *
 * @param vertx    the Vert.x to run the gateway on
 * @param registry the registry {@code /metrics} scrapes; {@code null} when metrics are off
 */
public record Metrics(Vertx vertx, PrometheusMeterRegistry registry) {
    /** The labels of the Vert.x meters: bounded sets only. */
    static final EnumSet<Label> LABELS = EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.LOCAL,
            Label.POOL_TYPE, Label.POOL_NAME, Label.NAMESPACE);

    /**
     * A Vert.x with metrics when {@code settings} enable them, else a plain one; on Linux's epoll
     * (netty-transport-native-epoll), NIO where it cannot load: each wake-up of an event loop and each
     * socket read and write cost less, which is most of a request's CPU at a few hundred a second.
     */
    public static Metrics start(MetricsSettings settings) {
        if (!settings.enabled()) {
            return new Metrics(Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)), null);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetricsOptions options = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setLabels(LABELS);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setPreferNativeTransport(true).setMetricsOptions(options))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        return new Metrics(vertx, registry);
    }
}
