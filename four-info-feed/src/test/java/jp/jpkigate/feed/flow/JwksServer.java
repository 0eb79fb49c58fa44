package jp.jpkigate.feed.flow;

import static jp.jpkigate.testing.TestRedis.await;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.jpkigate.feed.flow.FeedWorld.Business;
import jp.jpkigate.feed.set.SetFixtures;

/**
 * Businesses' {@code jwks_uri}: a real local HTTP server publishing each business's public keys at
 * {@code /jwks/<client id>}; {@link #stop()} and {@link #start()} again (same port) play an outage.
 */
final class JwksServer {
    private final Vertx vertx;
    private final Map<String, JWKSet> published = new ConcurrentHashMap<>();
    private HttpServer server;
    private int port;

    JwksServer(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The public keys a business registers: a signature key and its encryption key. */
    static JWKSet publicKeys(Business business) {
        return new JWKSet(List.of(SetFixtures.OP_KEY.toPublicJWK(), business.key().toPublicJWK()));
    }

    JwksServer start() throws Exception {
        server = await(vertx.createHttpServer().requestHandler(this::answer).listen(port, "127.0.0.1"));
        port = server.actualPort();
        return this;
    }

    void stop() throws Exception {
        await(server.close());
    }

    /** Publishes the business's public keys; its jwks_uri. */
    String publish(Business business) {
        published.put(business.id(), publicKeys(business));
        return "http://127.0.0.1:" + port + "/jwks/" + business.id();
    }

    private void answer(HttpServerRequest request) {
        JWKSet keys = published.get(request.path().substring(request.path().lastIndexOf('/') + 1));
        if (keys == null) {
            request.response().setStatusCode(404).end();
        } else {
            request.response().putHeader("Content-Type", "application/jwk-set+json").end(keys.toString(true));
        }
    }
}
