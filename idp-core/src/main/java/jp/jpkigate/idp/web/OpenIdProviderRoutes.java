package jp.jpkigate.idp.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import jp.jpkigate.idp.account.AccountHandler;
import jp.jpkigate.idp.approval.ApprovalOptions;
import jp.jpkigate.idp.approval.Approvals;
import jp.jpkigate.idp.authorize.AuthorizationRequestResolver;
import jp.jpkigate.idp.client.ClientAuthenticationPolicy;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.discovery.ProviderMetadata;
import jp.jpkigate.idp.dpop.DpopOptions;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.endpoint.AccountApprovalsEndpoint;
import jp.jpkigate.idp.endpoint.AccountLoginEndpoint;
import jp.jpkigate.idp.endpoint.AuthorizationEndpoint;
import jp.jpkigate.idp.endpoint.ConsentEndpoint;
import jp.jpkigate.idp.endpoint.DiscoveryEndpoint;
import jp.jpkigate.idp.endpoint.JwksEndpoint;
import jp.jpkigate.idp.endpoint.LoginContinueEndpoint;
import jp.jpkigate.idp.endpoint.LoginPages;
import jp.jpkigate.idp.endpoint.LoginSignerEndpoint;
import jp.jpkigate.idp.endpoint.LoginStatusEndpoint;
import jp.jpkigate.idp.endpoint.LogoutEndpoint;
import jp.jpkigate.idp.endpoint.PushedAuthorizationEndpoint;
import jp.jpkigate.idp.endpoint.StaticResourceEndpoint;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.limit.ClientRateLimit;
import jp.jpkigate.idp.login.AccountLogin;
import jp.jpkigate.idp.login.LoginHandler;
import jp.jpkigate.idp.login.SessionBinding;
import jp.jpkigate.idp.mtls.ClientCertificateTrust;
import jp.jpkigate.idp.par.PushedAuthorizationHandler;
import jp.jpkigate.idp.requestobject.RequestObjectHandler;
import jp.jpkigate.idp.requestobject.RequestObjectPolicy;
import jp.jpkigate.idp.session.SessionLogin;
import jp.jpkigate.idp.session.SessionOptions;
import jp.jpkigate.idp.store.PushedRequestStore;
import jp.jpkigate.idp.store.ReplayCache;
import jp.jpkigate.idp.store.redis.RedisPushedRequestStore;
import jp.jpkigate.idp.store.redis.RedisReplayCache;
import jp.jpkigate.idp.subject.PairwiseSubjects;
import jp.jpkigate.idp.subject.PersonKeyResolver;
import jp.jpkigate.idp.token.TokenOptions;

/**
 * The OpenID Provider's routes as a sub-router, for the gateway to mount at the issuer's path:
 * <pre>
 * GET  /.well-known/openid-configuration     OIDC Discovery
 * GET  /.well-known/oauth-authorization-server  RFC 8414 (same document)
 * GET  /jwks                                 public signing keys
 * POST /par                                  RFC 9126 pushed authorization requests (plain, or an RFC 9101 request object)
 * </pre>
 * Errors on these routes are OAuth JSON ({@link OAuthFailureHandler}). Clients' {@code jwks_uri}
 * are fetched with a Vert.x web client and cached ({@link RemoteClientKeys}). PAR, token and
 * userinfo check DPoP proofs (RFC 9449) with the given {@link DpopOptions}; the overloads without
 * them use {@link DpopOptions#withoutNonces()} (a single router in tests; a deployment passes options
 * with the nonce key every replica shares). Client certificates (RFC 8705: {@code tls_client_auth},
 * {@code self_signed_tls_client_auth}, certificate-bound tokens) come from where {@code config.mtls()}
 * says ({@link ClientCertificates}).
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
        return create(vertx, config, keys, clients, redis, dpop, ClientRateLimit.NONE, clock);
    }

    /** With {@code limit} on each client's pushed requests (shared with the token endpoint's, one per process). */
    public static Router create(Vertx vertx, OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                                Redis redis, DpopOptions dpop, ClientRateLimit limit, Clock clock) {
        return create(vertx, config, keys, clients, new RedisPushedRequestStore(redis), new RedisReplayCache(redis), dpop,
                limit, clock);
    }

    public static Router create(Vertx vertx, OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                                PushedRequestStore pushedRequests, ReplayCache replays, DpopOptions dpop,
                                ClientRateLimit limit, Clock clock) {
        RemoteClientKeys clientKeys = clientKeys(vertx, clock);
        ClientAuthenticator authenticator = new ClientAuthenticator(clients, clientAuthenticationPolicy(config), replays,
                clientKeys, new ClientCertificateTrust(config.mtls().clientCas(), clock), clock);
        PushedAuthorizationHandler par = new PushedAuthorizationHandler(pushedRequests,
                requestObjects(config, clientKeys, clock), config.pushedRequestLifetime(), new SecureRandom());
        DiscoveryEndpoint discovery = new DiscoveryEndpoint(ProviderMetadata.build(config, keys));

        Router router = Router.router(vertx);
        router.get("/.well-known/openid-configuration").handler(discovery);
        router.get("/.well-known/oauth-authorization-server").handler(discovery);
        router.get(OpenIdProviderConfig.JWKS_PATH).handler(new JwksEndpoint(keys));
        router.post(OpenIdProviderConfig.PAR_PATH)
                .handler(new PushedAuthorizationEndpoint(authenticator, par, config.maxRequestBodyBytes(),
                        new DpopProofVerifier(dpop, replays, clock), TargetUri.of(config.pushedAuthorizationRequestEndpoint()),
                        new ClientCertificates(config.mtls()), limit));
        // Other methods on the OP's paths: 405 as OAuth JSON (the router's default 405 is plain text).
        for (String path : new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
                OpenIdProviderConfig.JWKS_PATH, OpenIdProviderConfig.PAR_PATH}) {
            router.route(path).handler(ctx -> ctx.fail(405));
        }
        router.route().failureHandler(new OAuthFailureHandler());
        return router;
    }

    /**
     * Adds {@code /authorize}, the JPKI login transaction, the consent step and the person's account
     * page to a router from {@link #create}, with Redis-backed stores (the same Redis as the pushed
     * requests):
     * <pre>
     * GET  /authorize                      resolve the request (PAR request_uri, request object or plain), open a
     *                                      login, the QR page
     * GET  /login/{txn}                    signer API: the bytes to sign (JSON)
     * POST /login/{txn}                    signer API: certificate + signature (JSON) → verified / failed
     * GET  /login/{txn}/status             the page's polling (browser-bound by cookie)
     * GET  /login/{txn}/continue           303 to the client with code, state, iss (approval remembered), to the
     *                                      consent page, or to the client with access_denied / consent_required
     * GET  /login/{txn}/consent            the consent page (client name, what is shared, approve / deny)
     * POST /login/{txn}/consent            the decision (csrf, decision) → 303 to the client
     * GET  /account/approvals              the person's approvals, after an authentication-certificate login
     * POST /account/approvals/revoke       withdraw one (csrf, client_id) → 303 to /account/approvals
     * GET  /account/login/{txn}/continue   the account login's end: the account session cookie, 303 to the page
     * GET  /static/{file}                  login.js, login.css
     * GET  /logout, POST /logout           with single sign-on: RP-Initiated Logout 1.0 (end_session_endpoint)
     * POST /logout/confirm                 the logout confirmation's form
     * </pre>
     * {@code persons} keys approvals and account sessions by the person's renewal-stable key;
     * {@code tokens} gives the pairwise secret, so a withdrawal reaches the refresh tokens of the
     * client's pairwise subject. Request objects sent directly to {@code /authorize} are verified with
     * the client's keys (fetched with a web client of {@code vertx}). Reads the page templates from
     * the classpath (blocking): call it while building the routes, not on an event loop.
     */
    public static Router addLoginRoutes(Router router, Vertx vertx, OpenIdProviderConfig config, ClientRegistry clients,
                                        JpkiVerifier verifier, Redis redis, PersonKeyResolver persons,
                                        TokenOptions tokens, ApprovalOptions approvals, Clock clock) {
        return addLoginRoutes(router, config, clients, clientKeys(vertx, clock), verifier, LoginStores.redis(redis), persons,
                tokens, approvals, clock);
    }

    /**
     * {@link #addLoginRoutes(Router, Vertx, OpenIdProviderConfig, ClientRegistry, JpkiVerifier, Redis, PersonKeyResolver,
     * TokenOptions, ApprovalOptions, Clock)} with single sign-on ({@link SingleSignOn}): a card login opens a session
     * that answers later logins within {@code sessions}' limits, and {@code /logout} ends it (Logout Tokens and
     * {@code id_token_hint}s use {@code keys}).
     */
    public static Router addLoginRoutes(Router router, Vertx vertx, OpenIdProviderConfig config, SigningKeys keys,
                                        ClientRegistry clients, JpkiVerifier verifier, Redis redis, PersonKeyResolver persons,
                                        TokenOptions tokens, ApprovalOptions approvals, SessionOptions sessions, Clock clock) {
        return addLoginRoutes(router, config, clients, clientKeys(vertx, clock), verifier, LoginStores.redis(redis), persons,
                tokens, approvals, Optional.of(SingleSignOn.redis(vertx, config, keys, clients, redis, persons, tokens, sessions,
                        clock)), clock);
    }

    public static Router addLoginRoutes(Router router, OpenIdProviderConfig config, ClientRegistry clients,
                                        jp.jpkigate.idp.client.ClientKeys clientKeys, JpkiVerifier verifier,
                                        LoginStores stores, PersonKeyResolver persons,
                                        TokenOptions tokens, ApprovalOptions approvals, Clock clock) {
        return addLoginRoutes(router, config, clients, clientKeys, verifier, stores, persons, tokens, approvals, Optional.empty(),
                clock);
    }

    /** The login routes with single sign-on when {@code sso} is given, else a card for every login. */
    public static Router addLoginRoutes(Router router, OpenIdProviderConfig config, ClientRegistry clients,
                                        jp.jpkigate.idp.client.ClientKeys clientKeys, JpkiVerifier verifier,
                                        LoginStores stores, PersonKeyResolver persons,
                                        TokenOptions tokens, ApprovalOptions approvals, Optional<SingleSignOn> sso,
                                        Clock clock) {
        String issuer = config.issuer().toString();
        SecureRandom random = new SecureRandom();
        Approvals remembered = new Approvals(stores.approvals(), approvals, clock);
        LoginHandler login = new LoginHandler(issuer, stores.transactions(), stores.codes(), verifier, persons, remembered,
                clock, random, sso.<SessionBinding>map(SingleSignOn::sessions).orElse(SessionBinding.NONE));
        SessionLogin logins = sso.map(s -> new SessionLogin(login, s.sessions(), clock))
                .orElseGet(() -> SessionLogin.withoutSessions(login, clock));
        AccountHandler account = new AccountHandler(login, stores.accountSessions(), remembered, persons, clients,
                new PairwiseSubjects(tokens.pairwiseSecret(), persons), stores.withdrawals(), approvals, clock, random);
        LoginPages pages = new LoginPages(issuer);
        LoginSignerEndpoint signer = new LoginSignerEndpoint(login);
        ConsentEndpoint consent = new ConsentEndpoint(login, pages);
        AccountApprovalsEndpoint approvalsPage = new AccountApprovalsEndpoint(account, pages, issuer);
        router.get(OpenIdProviderConfig.AUTHORIZATION_PATH).handler(new AuthorizationEndpoint(
                new AuthorizationRequestResolver(clients, stores.pushedRequests(), requestObjects(config, clientKeys, clock),
                        config.requirePushedAuthorizationRequests()),
                logins, pages));
        router.get("/login/:txn").handler(signer::get);
        router.post("/login/:txn").handler(signer::post);
        router.get("/login/:txn/status").handler(new LoginStatusEndpoint(login, clock));
        router.get("/login/:txn/continue").handler(new LoginContinueEndpoint(logins, pages));
        router.get("/login/:txn/consent").handler(consent::get);
        router.post("/login/:txn/consent").handler(consent::post);
        router.get(AccountLogin.PATH).handler(approvalsPage::get);
        router.post(AccountLogin.PATH + "/revoke").handler(approvalsPage::revoke);
        router.get("/account/login/:txn/continue").handler(new AccountLoginEndpoint(account, pages, issuer));
        router.get("/static/:file").handler(new StaticResourceEndpoint());
        sso.ifPresent(s -> {
            LogoutEndpoint logout = new LogoutEndpoint(s.logout(), pages, issuer);
            router.get(OpenIdProviderConfig.LOGOUT_PATH).handler(logout::get);
            router.post(OpenIdProviderConfig.LOGOUT_PATH).handler(logout::post);
            router.post(OpenIdProviderConfig.LOGOUT_PATH + "/confirm").handler(logout::confirm);
        });
        return router;
    }

    /**
     * Adds the token slice to a router from {@link #create}, with Redis-backed stores (the same Redis
     * as the codes):
     * <pre>
     * POST /token       authorization_code (PKCE S256) and refresh_token (rotating); RFC 9068 access tokens, ID tokens;
     *                   client_credentials for the back-end API scopes (an access token only);
     *                   DPoP-bound (RFC 9449) when the request carries a proof
     * GET  /userinfo    Bearer or DPoP access token → sub and the granted claims
     * POST /userinfo
     * </pre>
     * {@code persons} maps certificates to a renewal-stable person key for pairwise subjects
     * ({@link #linkedPersonKeys} with a linkage service, {@code CertificatePersonKeys.INSTANCE} without).
     * A replayed code or a reused refresh token revokes the grant's tokens ({@code GrantRevoker}). A
     * refresh token whose login came before the person withdrew the client's approval on the account
     * page is refused. Introspection and revocation: {@link TokenManagementRoutes}.
     */
    public static Router addTokenRoutes(Router router, Vertx vertx, OpenIdProviderConfig config, SigningKeys keys,
                                        ClientRegistry clients, Redis redis, jp.jpkigate.idp.token.TokenOptions options,
                                        jp.jpkigate.idp.subject.PersonKeyResolver persons, Clock clock) {
        return addTokenRoutes(router, vertx, config, keys, clients, redis, options, persons, DpopOptions.withoutNonces(), clock);
    }

    public static Router addTokenRoutes(Router router, Vertx vertx, OpenIdProviderConfig config, SigningKeys keys,
                                        ClientRegistry clients, Redis redis, jp.jpkigate.idp.token.TokenOptions options,
                                        jp.jpkigate.idp.subject.PersonKeyResolver persons, DpopOptions dpop, Clock clock) {
        return addTokenRoutes(router, vertx, config, keys, clients, redis, options, persons, dpop, ClientRateLimit.NONE, clock);
    }

    /** With {@code limit} on each client's token requests (shared with {@code /par}'s, one per process). */
    public static Router addTokenRoutes(Router router, Vertx vertx, OpenIdProviderConfig config, SigningKeys keys,
                                        ClientRegistry clients, Redis redis, jp.jpkigate.idp.token.TokenOptions options,
                                        jp.jpkigate.idp.subject.PersonKeyResolver persons, DpopOptions dpop,
                                        ClientRateLimit limit, Clock clock) {
        RedisReplayCache replays = new RedisReplayCache(redis);
        return addTokenRoutes(router, config, keys, authenticator(vertx, config, clients, replays, clock),
                new jp.jpkigate.idp.store.redis.RedisAuthorizationCodeStore(redis),
                new jp.jpkigate.idp.store.redis.RedisRefreshTokenStore(redis),
                new jp.jpkigate.idp.store.redis.RedisUserInfoClaimsStore(redis),
                new jp.jpkigate.idp.store.redis.RedisGrantRevocations(redis),
                new jp.jpkigate.idp.store.redis.RedisApprovalWithdrawalStore(redis), options, persons,
                new DpopProofVerifier(dpop, replays, clock), limit, clock);
    }

    public static Router addTokenRoutes(Router router, OpenIdProviderConfig config, SigningKeys keys,
                                        ClientAuthenticator authenticator, jp.jpkigate.idp.store.AuthorizationCodeStore codes,
                                        jp.jpkigate.idp.store.RefreshTokenStore refreshTokens,
                                        jp.jpkigate.idp.store.UserInfoClaimsStore userInfoClaims,
                                        jp.jpkigate.idp.store.GrantRevocations revocations,
                                        jp.jpkigate.idp.store.ApprovalWithdrawalStore withdrawals,
                                        jp.jpkigate.idp.token.TokenOptions options,
                                        jp.jpkigate.idp.subject.PersonKeyResolver persons, DpopProofVerifier proofs,
                                        ClientRateLimit limit, Clock clock) {
        String issuer = config.issuer().toString();
        String audience = options.accessTokenAudience().orElse(config.userinfoEndpoint());
        SecureRandom random = new SecureRandom();
        jp.jpkigate.idp.token.RefreshTokens format = new jp.jpkigate.idp.token.RefreshTokens(random);
        // The access tokens minted here are remembered as verified by userinfo's verifier (their first use).
        jp.jpkigate.idp.token.AccessTokenVerifier userinfoTokens =
                new jp.jpkigate.idp.token.AccessTokenVerifier(issuer, audience, keys, revocations, clock);
        jp.jpkigate.idp.token.TokenIssuer tokens = new jp.jpkigate.idp.token.TokenIssuer(
                new jp.jpkigate.idp.token.TokenMinter(issuer, audience, keys, options, clock, random).rememberingIn(userinfoTokens),
                userInfoClaims, options.accessTokenLifetime());
        jp.jpkigate.idp.token.GrantRevoker revoker = new jp.jpkigate.idp.token.GrantRevoker(refreshTokens, revocations,
                options.accessTokenLifetime());
        jp.jpkigate.idp.token.TokenEndpointHandler token = new jp.jpkigate.idp.token.TokenEndpointHandler(authenticator,
                java.util.List.of(
                        new jp.jpkigate.idp.token.AuthorizationCodeGrantHandler(codes, format,
                                new jp.jpkigate.idp.subject.PairwiseSubjects(options.pairwiseSecret(), persons),
                                tokens, revoker, options, clock),
                        new jp.jpkigate.idp.token.RefreshTokenGrantHandler(refreshTokens, format, tokens, revoker,
                                withdrawals),
                        new jp.jpkigate.idp.token.ClientCredentialsGrantHandler(new jp.jpkigate.idp.token.ClientAccessTokenMinter(
                                issuer, audience, keys, options.accessTokenLifetime(), clock, random))), limit);
        ClientCertificates certificates = new ClientCertificates(config.mtls());
        jp.jpkigate.idp.endpoint.UserInfoEndpoint userinfo = new jp.jpkigate.idp.endpoint.UserInfoEndpoint(
                new jp.jpkigate.idp.token.UserInfoHandler(userinfoTokens, userInfoClaims, proofs), proofs, TargetUri.of(config.userinfoEndpoint()), certificates);
        router.post(OpenIdProviderConfig.TOKEN_PATH).handler(new jp.jpkigate.idp.endpoint.TokenEndpoint(token,
                config.maxRequestBodyBytes(), proofs, TargetUri.of(config.tokenEndpoint()), certificates));
        router.get(OpenIdProviderConfig.USERINFO_PATH).handler(userinfo);
        router.post(OpenIdProviderConfig.USERINFO_PATH).handler(userinfo);
        router.route(OpenIdProviderConfig.TOKEN_PATH).handler(ctx -> ctx.fail(405));
        router.route(OpenIdProviderConfig.USERINFO_PATH).handler(ctx -> ctx.fail(405));
        return router;
    }

    /**
     * The production {@code PersonKeyResolver}: the linkage service at {@code linkageUrl} (the
     * simulator's layout, {@code /ca} and {@code /linkage/{caId}/{serial}}), asked with a Vert.x web
     * client, and the per-certificate record in Redis.
     */
    public static jp.jpkigate.idp.subject.PersonKeyResolver linkedPersonKeys(Vertx vertx, Redis redis, String linkageUrl,
                                                                           jp.jpkigate.idp.jpki.TrustAnchors anchors) {
        // One web client per resolver; it lives as long as the Vert.x instance, like the routes' own.
        return new jp.jpkigate.idp.subject.LinkedPersonKeys(new RemoteCertificateLinkage(WebClient.create(vertx,
                new WebClientOptions().setUserAgent("jpkigate-op")), linkageUrl, anchors),
                new jp.jpkigate.idp.store.redis.RedisPersonKeyStore(redis));
    }

    /**
     * The client authenticator {@link #create} builds: Redis replay cache, remote client keys fetched with a web client,
     * the configured client CAs. For the endpoints that authenticate clients (with {@link ClientCertificates} of
     * {@code config.mtls()} for mutual TLS).
     */
    public static ClientAuthenticator authenticator(Vertx vertx, OpenIdProviderConfig config, ClientRegistry clients,
                                                    ReplayCache replays, Clock clock) {
        return new ClientAuthenticator(clients, clientAuthenticationPolicy(config), replays, clientKeys(vertx, clock),
                new ClientCertificateTrust(config.mtls().clientCas(), clock), clock);
    }

    /** FAPI clients: the issuer only; the others also the token and PAR endpoints (RFC 9126 §2). */
    private static ClientAuthenticationPolicy clientAuthenticationPolicy(OpenIdProviderConfig config) {
        return ClientAuthenticationPolicy.of(config.issuer().toString(), config.clientAssertionAudiences());
    }

    /**
     * Clients' keys: inline, or their jwks_uri fetched with a web client that lives as long as the Vert.x instance
     * (also the feed's businesses' encryption keys).
     */
    public static RemoteClientKeys clientKeys(Vertx vertx, Clock clock) {
        return new RemoteClientKeys(WebClient.create(vertx, new WebClientOptions().setUserAgent("jpkigate-op")), clock);
    }

    private static RequestObjectHandler requestObjects(OpenIdProviderConfig config, jp.jpkigate.idp.client.ClientKeys keys,
                                                       Clock clock) {
        return new RequestObjectHandler(RequestObjectPolicy.fapi(config.issuer().toString(),
                config.requireSignedRequestObject()), keys, clock);
    }
}
