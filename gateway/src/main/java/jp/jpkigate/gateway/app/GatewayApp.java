package jp.jpkigate.gateway.app;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.jpkigate.feed.metrics.InProcessFeedMetrics;
import jp.jpkigate.sim.serve.SimServer;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.config.Secrets;

/**
 * The whole gateway on one {@link Vertx}: dev services first (embedded Redis, simulator), then the
 * {@link GatewayVerticle}. {@link #stop()} undoes it in reverse order and may be called any number
 * of times, from any thread.
 */
public final class GatewayApp {
    private final Vertx vertx;
    private final GatewayConfig config;
    private final Clock clock;
    /** One for all HTTP verticles: whichever answers {@code /feed/metrics} reports every push of the process. */
    private final InProcessFeedMetrics feedMetrics = new InProcessFeedMetrics();
    private volatile DevServices devServices;
    private volatile GatewayVerticle verticle;
    private volatile RevocationVerticle revocation;
    private volatile OpenIdProviderModule openIdProvider;
    private volatile AdminVerticle admin;
    private final List<String> deploymentIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Future<Void> stopping;

    /** An app that will run on {@code vertx}; it does not own (close) it. */
    public GatewayApp(Vertx vertx, GatewayConfig config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
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
                            return startAdmin(op).compose(v -> startHttp(revocationModule, op));
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

    /** The admin token generated in dev mode (none configured), the first time it is asked for: print it once. */
    public Optional<String> takeDevAdminToken() {
        OpenIdProviderModule op = openIdProvider;
        return op == null ? Optional.empty() : op.admin().takeDevToken();
    }

    /** The feed metrics every HTTP verticle serves at {@code /feed/metrics}. */
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
            lines.add("metrics:        " + base + "/revocation/metrics");
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
        return lines;
    }
}
