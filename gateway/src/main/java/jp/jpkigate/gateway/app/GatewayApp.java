package jp.jpkigate.gateway.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.feed.metrics.InProcessFeedMetrics;
import jp.jpkigate.feed.web.FeedRoutes;
import jp.jpkigate.revocation.web.RevocationRoutes;
import jp.jpkigate.sim.serve.SimServer;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.config.Secrets;

/**
 * The whole gateway on one {@link Vertx}: dev services first (embedded Redis, simulator), the
 * revocation cache, the metrics listener ({@link MetricsVerticle}, unless {@code metrics.enabled} is
 * false), the admin API, then the {@link GatewayVerticle}s. {@link #stop()} undoes it in reverse
 * order (so the metrics listener outlives the public one's drain) and may be called any number of
 * times, from any thread.
 */
public final class GatewayApp {
    private final Vertx vertx;
    private final GatewayConfig config;
    private final Clock clock;
    /** One for all HTTP verticles, so {@code /feed/metrics} on the metrics listener reports every push of the process. */
    private final InProcessFeedMetrics feedMetrics = new InProcessFeedMetrics();
    private final Optional<PrometheusMeterRegistry> registry;
    private volatile DevServices devServices;
    private volatile GatewayVerticle verticle;
    private volatile RevocationVerticle revocation;
    private volatile OpenIdProviderModule openIdProvider;
    private volatile AdminVerticle admin;
    private volatile MetricsVerticle metrics;
    private final List<String> deploymentIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Future<Void> stopping;

    /** An app that will run on {@code vertx}, which records no Micrometer meters (no {@code /metrics}); it does not own (close) it. */
    public GatewayApp(Vertx vertx, GatewayConfig config, Clock clock) {
        this(vertx, config, clock, Optional.empty());
    }

    /** The same, with {@code /metrics} serving {@code registry}, where {@code vertx} records its meters ({@link Metrics}). */
    public GatewayApp(Vertx vertx, GatewayConfig config, Clock clock, Optional<PrometheusMeterRegistry> registry) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    /** Starts everything; completes when the gateway listens. */
    public Future<Void> start() {
        return DevServices.start(vertx, config)
                .compose(dev -> {
                    devServices = dev;
                    return config.simulator().enabled()
                            ? dev.startSimulator(vertx, config, clock) : Future.succeededFuture();
                })
                .compose(nothing -> startRevocation())
                .compose(revocationModule -> OpenIdProviderModule.load(vertx, config, revocationModule, linkageUrl(), clock)
                        .compose(op -> {
                            openIdProvider = op;
                            return startMetrics(revocationModule)
                                    .compose(v -> startAdmin(op))
                                    .compose(v -> startHttp(revocationModule, op));
                        }));
    }

    /** The shared signing keys and registered clients (filled before the OP serves), their sync and the admin API. */
    private Future<Void> startAdmin(OpenIdProviderModule op) {
        AdminVerticle started = new AdminVerticle(op.admin(), devServices.redisUrl(config));
        return vertx.deployVerticle(started).map(id -> {
            deploymentIds.add(id);
            admin = started;
            return null;
        });
    }

    /**
     * The metrics listener, unless {@code metrics.enabled} is false (then the revocation cache's and the
     * feed's Prometheus texts are not served at all): {@code /metrics}, and the texts of the modules that run.
     */
    private Future<Void> startMetrics(Optional<RevocationModule> revocationModule) {
        if (!config.metrics().enabled()) {
            return Future.succeededFuture();
        }
        Optional<MetricsVerticle.Feed> feed = feedRuns(revocationModule)
                ? Optional.of(new MetricsVerticle.Feed(feedMetrics, devServices.redisUrl(config), clock)) : Optional.empty();
        MetricsVerticle started = new MetricsVerticle(config.metrics(), registry, revocationModule, feed);
        return vertx.deployVerticle(started).map(id -> {
            deploymentIds.add(id);
            metrics = started;
            return null;
        });
    }

    /** The feed runs with J-LIS (the consent service) and the revocation cache ({@link GatewayVerticle}). */
    private boolean feedRuns(Optional<RevocationModule> revocationModule) {
        return jlisUrl().isPresent() && revocationModule.isPresent();
    }

    /** The revocation cache, on its own verticle, when there is a CRL publisher. */
    private Future<Optional<RevocationModule>> startRevocation() {
        String publisher = revocationPublisherUrl();
        if (publisher == null) {
            return Future.succeededFuture(Optional.empty());
        }
        RevocationVerticle started = new RevocationVerticle(config, publisher, devServices.redisUrl(config), clock);
        return vertx.deployVerticle(started).map(id -> {
            deploymentIds.add(id);
            revocation = started;
            return Optional.of(started.module());
        });
    }

    /**
     * One HTTP verticle per event loop ({@code http.instances}), all on one port: Vert.x shares the
     * listening socket and spreads connections over them. Port 0 becomes -1, Vert.x's "one random
     * port shared by all instances".
     */
    private Future<Void> startHttp(Optional<RevocationModule> module, OpenIdProviderModule openIdProvider) {
        String redisUrl = devServices.redisUrl(config);
        int port = config.http().port() == 0 ? -1 : config.http().port();
        return vertx.deployVerticle(() -> {
            GatewayVerticle instance = new GatewayVerticle(config.http(), port, redisUrl, config.redis().replicaWait(), module,
                    Optional.of(openIdProvider), jlisUrl(), feedMetrics, clock, config.limits());
            if (verticle == null) {
                verticle = instance;
            }
            return instance;
        }, new DeploymentOptions().setInstances(config.http().instances())).map(id -> {
            deploymentIds.add(id);
            return null;
        });
    }

    /** The configured CRL / OCSP publisher, else the dev simulator's URL, else none (no revocation cache). */
    private String revocationPublisherUrl() {
        return Optional.ofNullable(config.revocation().publisherUrl()).or(this::simulatorUrl).orElse(null);
    }

    /** The configured certificate linkage, else the dev simulator's, else none (sub follows the certificate). */
    private Optional<String> linkageUrl() {
        return Optional.ofNullable(config.oidc().linkageUrl()).or(this::simulatorUrl);
    }

    /** The configured J-LIS, else the dev simulator's, else none (no consent service). */
    private Optional<String> jlisUrl() {
        return Optional.ofNullable(config.jlis().url()).or(this::simulatorUrl);
    }

    private Optional<String> simulatorUrl() {
        return devServices.simulator().map(sim -> "http://127.0.0.1:" + sim.port());
    }

    /** Undeploys the gateway, then stops the dev services, even if undeploying failed. */
    public synchronized Future<Void> stop() {
        if (stopping == null) {
            List<String> ids = new ArrayList<>(deploymentIds);
            java.util.Collections.reverse(ids);
            Future<Void> undeployed = Future.succeededFuture();
            for (String id : ids) {
                undeployed = undeployed.eventually(() -> vertx.undeploy(id));
            }
            stopping = undeployed.eventually(() -> {
                DevServices dev = devServices;
                return dev == null ? Future.succeededFuture() : dev.stop();
            });
        }
        return stopping;
    }

    /** The port the gateway listens on; -1 before it does. */
    public int httpPort() {
        GatewayVerticle running = verticle;
        return running == null ? -1 : running.actualPort();
    }

    /** The admin API's port; -1 when it does not listen. */
    public int adminPort() {
        AdminVerticle running = admin;
        return running == null ? -1 : running.actualPort();
    }

    /** The metrics listener's port; -1 when it does not listen ({@code metrics.enabled} false). */
    public int metricsPort() {
        MetricsVerticle running = metrics;
        return running == null ? -1 : running.actualPort();
    }

    /** The admin token generated in dev mode (none configured), the first time it is asked for: print it once. */
    public Optional<String> takeDevAdminToken() {
        OpenIdProviderModule op = openIdProvider;
        return op == null ? Optional.empty() : op.admin().takeDevToken();
    }

    /** The feed metrics every HTTP verticle counts in, served at {@code /feed/metrics} on the metrics listener. */
    InProcessFeedMetrics feedMetrics() {
        return feedMetrics;
    }

    /** The revocation cache, once started (none without a CRL publisher). */
    public Optional<RevocationModule> revocation() {
        RevocationVerticle running = revocation;
        return running == null ? Optional.empty() : Optional.ofNullable(running.module());
    }

    /** The OpenID Provider, once loaded. */
    public Optional<OpenIdProviderModule> openIdProvider() {
        return Optional.ofNullable(openIdProvider);
    }

    /** The dev-mode simulator, once started. */
    public Optional<SimServer> simulator() {
        DevServices dev = devServices;
        return dev == null ? Optional.empty() : dev.simulator();
    }

    /** The lines to print once started: where to reach the gateway and its helpers. */
    public List<String> urls() {
        String base = config.http().publicBaseUrl();
        List<String> lines = new ArrayList<>();
        lines.add("gateway:        " + base);
        lines.add("listening on:   " + config.http().host() + ":" + httpPort()
                + (config.http().tls().terminates() ? " (TLS)" : ""));
        lines.add("transport:      " + (vertx.isNativeTransportEnabled() ? "epoll" : "nio"));
        if (config.http().tls().clientCertificates()) {
            lines.add("mutual TLS:     " + (config.http().tls().clientCertHeader() == null ? "client certificates requested"
                    : "client certificates from the " + config.http().tls().clientCertHeader() + " header (trusted proxy)"));
        }
        lines.add("health (live):  " + base + "/health/live");
        lines.add("health (ready): " + base + "/health/ready");
        lines.add("OpenID Provider: " + base + "/.well-known/openid-configuration");
        if (adminPort() > 0) {
            lines.add("admin API:      http://" + config.admin().host() + ":" + adminPort() + "/admin/  (internal network only)");
        }
        revocation().ifPresent(module -> {
            lines.add("validity check: POST " + base + "/revocation/v1/check  (HTTP Basic, revocation.clients)");
            lines.add("OCSP:           " + base + "/revocation/ocsp" + (config.revocation().ocspCertFile() == null
                    ? "  (responder certificate: " + RevocationModule.responderCertificateFile(config) + ")" : ""));
        });
        DevServices dev = devServices;
        if (dev != null) {
            lines.add("redis:          " + dev.embeddedRedis()
                    .map(redis -> redis.url() + " (embedded, data in " + redis.dir() + ")")
                    .orElseGet(() -> Secrets.maskUrl(dev.redisUrl(config))));
        }
        if (dev != null) {
            dev.simulator().ifPresent(sim -> {
                lines.add("simulator:      http://localhost:" + sim.port()
                        + "  (CA certificates /ca, CRLs /crl/..., OCSP /ocsp, linkage /linkage/...)");
                lines.add("simulator CLI:  java -jar jpki-sim/target/jpki-sim.jar --state " + sim.stateDir() + " --help");
            });
        }
        if (metricsPort() > 0) {
            String metricsBase = "http://" + config.metrics().host() + ":" + metricsPort();
            if (registry.isPresent()) {
                lines.add("prometheus:     " + metricsBase + "/metrics  (cluster-internal)");
            }
            revocation().ifPresent(module -> lines.add("metrics:        " + metricsBase
                    + RevocationRoutes.METRICS_PATH + "  (cluster-internal)"));
            if (feedRuns(revocation())) {
                lines.add("feed metrics:   " + metricsBase + FeedRoutes.METRICS_PATH + "  (cluster-internal)");
            }
        }
        return lines;
    }
}
