package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private volatile DevServices devServices;
    private volatile GatewayVerticle verticle;
    private volatile String deploymentId;
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
                .compose(nothing -> {
                    verticle = new GatewayVerticle(config, devServices.redisUrl(config), revocationPublisherUrl(), clock);
                    return vertx.deployVerticle(verticle);
                })
                .map(id -> {
                    deploymentId = id;
                    return null;
                });
    }

    /** The configured CRL / OCSP publisher, else the dev simulator's URL, else none (no revocation cache). */
    private String revocationPublisherUrl() {
        if (config.revocation().publisherUrl() != null) {
            return config.revocation().publisherUrl();
        }
        return devServices.simulator().map(sim -> "http://127.0.0.1:" + sim.port()).orElse(null);
    }

    /** Undeploys the gateway, then stops the dev services, even if undeploying failed. */
    public synchronized Future<Void> stop() {
        if (stopping == null) {
            String id = deploymentId;
            Future<Void> undeployed = id == null ? Future.succeededFuture() : vertx.undeploy(id);
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

    /** The revocation cache, once started (none without a CRL publisher). */
    public Optional<RevocationModule> revocation() {
        GatewayVerticle running = verticle;
        return running == null ? Optional.empty() : running.revocation();
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
        lines.add("listening on:   " + config.http().host() + ":" + httpPort());
        lines.add("health (live):  " + base + "/health/live");
        lines.add("health (ready): " + base + "/health/ready");
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
                lines.add("simulator:      http://localhost:" + sim.port() + "  (CA certificates /ca, CRLs /crl/..., OCSP /ocsp)");
                lines.add("simulator CLI:  java -jar jpki-sim/target/jpki-sim.jar --state " + sim.stateDir() + " --help");
            });
        }
        return lines;
    }
}
