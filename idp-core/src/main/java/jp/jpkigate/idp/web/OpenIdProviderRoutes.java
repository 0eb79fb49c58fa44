package jp.jpkigate.idp.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import jp.jpkigate.idp.client.ClientAuthenticationPolicy;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.discovery.ProviderMetadata;
import jp.jpkigate.idp.endpoint.DiscoveryEndpoint;
import jp.jpkigate.idp.endpoint.JwksEndpoint;
import jp.jpkigate.idp.endpoint.PushedAuthorizationEndpoint;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.par.PushedAuthorizationHandler;
import jp.jpkigate.idp.store.PushedRequestStore;
import jp.jpkigate.idp.store.ReplayCache;
import jp.jpkigate.idp.store.redis.RedisPushedRequestStore;
import jp.jpkigate.idp.store.redis.RedisReplayCache;

/**
 * The OpenID Provider's routes as a sub-router, for the gateway to mount at the issuer's path:
 * <pre>
 * GET  /.well-known/openid-configuration     OIDC Discovery
 * GET  /.well-known/oauth-authorization-server  RFC 8414 (same document)
 * GET  /jwks                                 public signing keys
 * POST /par                                  RFC 9126 pushed authorization requests
 * </pre>
 * Errors on these routes are OAuth JSON ({@link OAuthFailureHandler}). Clients' {@code jwks_uri}
 * are fetched with a Vert.x web client and cached ({@link RemoteClientKeys}).
 *
 * <p>Mounting: {@code parent.route("/*").subRouter(routes)} at the issuer's path (the issuer
 * {@code https://id.example.jp} → {@code "/*"}). No handler before it may do asynchronous work
 * without pausing the request: {@code /par} reads the body itself (no BodyHandler), with the
 * configured size limit.
 */
public final class OpenIdProviderRoutes {
    private OpenIdProviderRoutes() {
    }

    /** Routes with Redis-backed pushed requests and client-assertion replay cache. */
    public static Router create(Vertx vertx, OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                                Redis redis, Clock clock) {
        return create(vertx, config, keys, clients, new RedisPushedRequestStore(redis), new RedisReplayCache(redis), clock);
    }

    public static Router create(Vertx vertx, OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                                PushedRequestStore pushedRequests, ReplayCache replays, Clock clock) {
        // One web client per router; it lives as long as the Vert.x instance (the routes have no close hook).
        RemoteClientKeys clientKeys = new RemoteClientKeys(WebClient.create(vertx,
                new WebClientOptions().setUserAgent("jpkigate-op")), clock);
        ClientAuthenticator authenticator = new ClientAuthenticator(clients,
                ClientAuthenticationPolicy.of(config.clientAssertionAudiences()), replays, clientKeys, clock);
        PushedAuthorizationHandler par = new PushedAuthorizationHandler(pushedRequests, config.pushedRequestLifetime(),
                new SecureRandom());
        DiscoveryEndpoint discovery = new DiscoveryEndpoint(ProviderMetadata.build(config, keys));

        Router router = Router.router(vertx);
        router.get("/.well-known/openid-configuration").handler(discovery);
        router.get("/.well-known/oauth-authorization-server").handler(discovery);
        router.get(OpenIdProviderConfig.JWKS_PATH).handler(new JwksEndpoint(keys.publicJwks()));
        router.post(OpenIdProviderConfig.PAR_PATH)
                .handler(new PushedAuthorizationEndpoint(authenticator, par, config.maxRequestBodyBytes()));
        // Other methods on the OP's paths: 405 as OAuth JSON (the router's default 405 is plain text).
        for (String path : new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
                OpenIdProviderConfig.JWKS_PATH, OpenIdProviderConfig.PAR_PATH}) {
            router.route(path).handler(ctx -> ctx.fail(405));
        }
        router.route().failureHandler(new OAuthFailureHandler());
        return router;
    }
}
