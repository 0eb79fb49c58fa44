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
import jp.jpkigate.idp.dpop.DpopOptions;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.TargetUri;
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
 * are fetched with a Vert.x web client and cached ({@link RemoteClientKeys}). PAR, token and
 * userinfo check DPoP proofs (RFC 9449) with the given {@link DpopOptions}; the overloads without
 * them use {@link DpopOptions#withoutNonces()} (a single router in tests; a deployment passes options
 * with the nonce key every replica shares).
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
        return create(vertx, config, keys, clients, redis, DpopOptions.withoutNonces(), clock);
    }

    /** Routes with Redis-backed pushed requests and replay cache (client assertions and DPoP proofs). */
    public static Router create(Vertx vertx, OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                                Redis redis, DpopOptions dpop, Clock clock) {
        return create(vertx, config, keys, clients, new RedisPushedRequestStore(redis), new RedisReplayCache(redis), dpop,
                clock);
    }

    public static Router create(Vertx vertx, OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                                PushedRequestStore pushedRequests, ReplayCache replays, DpopOptions dpop, Clock clock) {
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
                .handler(new PushedAuthorizationEndpoint(authenticator, par, config.maxRequestBodyBytes(),
                        new DpopProofVerifier(dpop, replays, clock), TargetUri.of(config.pushedAuthorizationRequestEndpoint())));
        // Other methods on the OP's paths: 405 as OAuth JSON (the router's default 405 is plain text).
        for (String path : new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
                OpenIdProviderConfig.JWKS_PATH, OpenIdProviderConfig.PAR_PATH}) {
            router.route(path).handler(ctx -> ctx.fail(405));
        }
        router.route().failureHandler(new OAuthFailureHandler());
        return router;
    }

    /**
     * Adds {@code /authorize} and the JPKI login transaction to a router from {@link #create}, with
     * Redis-backed stores (the same Redis as the pushed requests):
     * <pre>
     * GET  /authorize               resolve the request (PAR request_uri or plain), open a login, the QR page
     * GET  /login/{txn}             signer API: the bytes to sign (JSON)
     * POST /login/{txn}             signer API: certificate + signature (JSON) → verified / failed
     * GET  /login/{txn}/status      the page's polling (browser-bound by cookie)
     * GET  /login/{txn}/continue    303 to the client with code, state, iss (or access_denied)
     * GET  /static/{file}           login.js, login.css
     * </pre>
     * Reads the page templates from the classpath (blocking): call it while building the routes,
     * not on an event loop.
     */
    public static Router addLoginRoutes(Router router, OpenIdProviderConfig config, ClientRegistry clients,
                                        jp.jpkigate.idp.jpki.JpkiVerifier verifier, Redis redis, Clock clock) {
        return addLoginRoutes(router, config, clients, verifier, new RedisPushedRequestStore(redis),
                new jp.jpkigate.idp.store.redis.RedisLoginTransactionStore(redis),
                new jp.jpkigate.idp.store.redis.RedisAuthorizationCodeStore(redis), clock);
    }

    public static Router addLoginRoutes(Router router, OpenIdProviderConfig config, ClientRegistry clients,
                                        jp.jpkigate.idp.jpki.JpkiVerifier verifier, PushedRequestStore pushedRequests,
                                        jp.jpkigate.idp.store.LoginTransactionStore transactions,
                                        jp.jpkigate.idp.store.AuthorizationCodeStore codes, Clock clock) {
        String issuer = config.issuer().toString();
        jp.jpkigate.idp.login.LoginHandler login = new jp.jpkigate.idp.login.LoginHandler(issuer, transactions, codes,
                verifier, clock, new SecureRandom());
        jp.jpkigate.idp.endpoint.LoginPages pages = new jp.jpkigate.idp.endpoint.LoginPages(issuer);
        jp.jpkigate.idp.endpoint.LoginSignerEndpoint signer = new jp.jpkigate.idp.endpoint.LoginSignerEndpoint(login);
        router.get(OpenIdProviderConfig.AUTHORIZATION_PATH).handler(new jp.jpkigate.idp.endpoint.AuthorizationEndpoint(
                new jp.jpkigate.idp.authorize.AuthorizationRequestResolver(clients, pushedRequests,
                        config.requirePushedAuthorizationRequests()), login, pages));
        router.get("/login/:txn").handler(signer::get);
        router.post("/login/:txn").handler(signer::post);
        router.get("/login/:txn/status").handler(new jp.jpkigate.idp.endpoint.LoginStatusEndpoint(login, clock));
        router.get("/login/:txn/continue").handler(new jp.jpkigate.idp.endpoint.LoginContinueEndpoint(login, pages));
        router.get("/static/:file").handler(new jp.jpkigate.idp.endpoint.StaticResourceEndpoint());
        return router;
    }
    /**
     * Adds the token slice to a router from {@link #create}, with Redis-backed stores (the same Redis
     * as the codes):
     * <pre>
     * POST /token       authorization_code (PKCE S256) and refresh_token (rotating); RFC 9068 access tokens, ID tokens;
     *                   DPoP-bound (RFC 9449) when the request carries a proof
     * GET  /userinfo    Bearer or DPoP access token → sub and the granted claims
     * POST /userinfo
     * </pre>
     * {@code persons} maps certificates to a renewal-stable person key for pairwise subjects
     * ({@code CertificatePersonKeys.INSTANCE} when no linkage source is wired).
     */
    public static Router addTokenRoutes(Router router, Vertx vertx, OpenIdProviderConfig config, SigningKeys keys,
                                        ClientRegistry clients, Redis redis, jp.jpkigate.idp.token.TokenOptions options,
                                        jp.jpkigate.idp.subject.PersonKeyResolver persons, Clock clock) {
        return addTokenRoutes(router, vertx, config, keys, clients, redis, options, persons, DpopOptions.withoutNonces(), clock);
    }

    public static Router addTokenRoutes(Router router, Vertx vertx, OpenIdProviderConfig config, SigningKeys keys,
                                        ClientRegistry clients, Redis redis, jp.jpkigate.idp.token.TokenOptions options,
                                        jp.jpkigate.idp.subject.PersonKeyResolver persons, DpopOptions dpop, Clock clock) {
        RedisReplayCache replays = new RedisReplayCache(redis);
        return addTokenRoutes(router, config, keys, authenticator(vertx, config, clients, replays, clock),
                new jp.jpkigate.idp.store.redis.RedisAuthorizationCodeStore(redis),
                new jp.jpkigate.idp.store.redis.RedisRefreshTokenStore(redis),
                new jp.jpkigate.idp.store.redis.RedisUserInfoClaimsStore(redis), options, persons,
                new DpopProofVerifier(dpop, replays, clock), clock);
    }

    public static Router addTokenRoutes(Router router, OpenIdProviderConfig config, SigningKeys keys,
                                        ClientAuthenticator authenticator, jp.jpkigate.idp.store.AuthorizationCodeStore codes,
                                        jp.jpkigate.idp.store.RefreshTokenStore refreshTokens,
                                        jp.jpkigate.idp.store.UserInfoClaimsStore userInfoClaims,
                                        jp.jpkigate.idp.token.TokenOptions options,
                                        jp.jpkigate.idp.subject.PersonKeyResolver persons, DpopProofVerifier proofs,
                                        Clock clock) {
        String issuer = config.issuer().toString();
        String audience = options.accessTokenAudience().orElse(config.userinfoEndpoint());
        SecureRandom random = new SecureRandom();
        jp.jpkigate.idp.token.RefreshTokens format = new jp.jpkigate.idp.token.RefreshTokens(random);
        jp.jpkigate.idp.token.TokenIssuer tokens = new jp.jpkigate.idp.token.TokenIssuer(
                new jp.jpkigate.idp.token.TokenMinter(issuer, audience, keys, options, clock, random),
                userInfoClaims, options.accessTokenLifetime());
        jp.jpkigate.idp.token.TokenEndpointHandler token = new jp.jpkigate.idp.token.TokenEndpointHandler(authenticator,
                java.util.List.of(
                        new jp.jpkigate.idp.token.AuthorizationCodeGrantHandler(codes, refreshTokens, format,
                                new jp.jpkigate.idp.subject.PairwiseSubjects(options.pairwiseSecret(), persons),
                                tokens, options, clock),
                        new jp.jpkigate.idp.token.RefreshTokenGrantHandler(refreshTokens, format, tokens)));
        jp.jpkigate.idp.endpoint.UserInfoEndpoint userinfo = new jp.jpkigate.idp.endpoint.UserInfoEndpoint(
                new jp.jpkigate.idp.token.UserInfoHandler(
                        new jp.jpkigate.idp.token.AccessTokenVerifier(issuer, audience, keys.publicJwks(), clock), userInfoClaims,
                        proofs), proofs, TargetUri.of(config.userinfoEndpoint()));
        router.post(OpenIdProviderConfig.TOKEN_PATH).handler(new jp.jpkigate.idp.endpoint.TokenEndpoint(token,
                config.maxRequestBodyBytes(), proofs, TargetUri.of(config.tokenEndpoint())));
        router.get(OpenIdProviderConfig.USERINFO_PATH).handler(userinfo);
        router.post(OpenIdProviderConfig.USERINFO_PATH).handler(userinfo);
        router.route(OpenIdProviderConfig.TOKEN_PATH).handler(ctx -> ctx.fail(405));
        router.route(OpenIdProviderConfig.USERINFO_PATH).handler(ctx -> ctx.fail(405));
        return router;
    }

    /** The client authenticator {@link #create} builds: Redis replay cache, remote client keys fetched with a web client. */
    static ClientAuthenticator authenticator(Vertx vertx, OpenIdProviderConfig config, ClientRegistry clients,
                                             ReplayCache replays, Clock clock) {
        RemoteClientKeys clientKeys = new RemoteClientKeys(WebClient.create(vertx,
                new WebClientOptions().setUserAgent("jpkigate-op")), clock);
        return new ClientAuthenticator(clients, ClientAuthenticationPolicy.of(config.clientAssertionAudiences()), replays,
                clientKeys, clock);
    }
}
