package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import jp.jpkigate.gateway.config.GatewayConfig;

/**
 * Owns this process's one {@link RevocationModule} on its own event loop: the CRL schedule, the
 * replica coordination and the OCSP answer cache run here, while every HTTP verticle instance
 * serves the module's routes.
 */
public final class RevocationVerticle extends VerticleBase {
    private final GatewayConfig config;
    private final String publisherUrl;
    private final String redisUrl;
    private final Clock clock;
    private volatile RevocationModule module;

    public RevocationVerticle(GatewayConfig config, String publisherUrl, String redisUrl, Clock clock) {
        this.config = config;
        this.publisherUrl = publisherUrl;
        this.redisUrl = redisUrl;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return RevocationModule.start(vertx, config, publisherUrl, redisUrl, clock).onSuccess(started -> module = started);
    }

    @Override
    public Future<?> stop() {
        RevocationModule started = module;
        return started == null ? Future.succeededFuture() : started.stop();
    }

    /** The module, once started. */
    public RevocationModule module() {
        return module;
    }
}
