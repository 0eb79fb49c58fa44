package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.redis.client.Redis;
import jp.jpkigate.gateway.redis.RedisClients;
import jp.jpkigate.idp.web.AdminApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's one {@link AdminApi}, on its own event loop and Redis client: {@link #start()}
 * adopts (or creates) the shared signing keys and loads the registered clients — failing the start
 * when the key set cannot be opened, for example with another key-encryption key — then syncs every
 * {@code admin.syncSeconds} and, when enabled, serves {@code /admin/} on the admin listener.
 */
public final class AdminVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(AdminVerticle.class);
    /** Admin request bodies (client metadata with inline keys) are small. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final AdminModule module;
    private final String redisUrl;
    private volatile Redis redis;
    private volatile HttpServer server;
    private long timer = -1;
    private boolean syncing;

    public AdminVerticle(AdminModule module, String redisUrl) {
        this.module = module;
        this.redisUrl = redisUrl;
    }

    @Override
    public Future<?> start() {
        redis = RedisClients.create(vertx, redisUrl);
        AdminApi api = module.api(vertx, redis);
        return api.start(module.importedKeys()).compose(started -> {
            timer = vertx.setPeriodic(module.settings().sync().toMillis(), id -> {
                if (!syncing) {
                    syncing = true;
                    api.sync().onComplete(done -> {
                        syncing = false;
                        if (done.failed()) {
                            LOG.warn("could not sync signing keys and registered clients: {}", done.cause().toString());
                        }
                    });
                }
            });
            if (!module.settings().enabled()) {
                return Future.succeededFuture();
            }
            return vertx.createHttpServer(new HttpServerOptions().setHost(module.settings().host()).setPort(module.settings().port()))
                    .requestHandler(api.router(module.tokens(), MAX_BODY_BYTES))
                    .listen()
                    .onSuccess(listening -> server = listening)
                    .mapEmpty();
        }).onFailure(e -> stop());
    }

    @Override
    public Future<?> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return redis == null ? Future.succeededFuture() : redis.close();
    }

    /** The admin listener's port; -1 when it does not listen. */
    public int actualPort() {
        HttpServer listening = server;
        return listening == null ? -1 : listening.actualPort();
    }
}
