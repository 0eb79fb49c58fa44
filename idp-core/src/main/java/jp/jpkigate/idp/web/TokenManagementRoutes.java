package jp.jpkigate.idp.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.endpoint.IntrospectionEndpoint;
import jp.jpkigate.idp.endpoint.RevocationEndpoint;
import jp.jpkigate.idp.introspection.IntrospectionHandler;
import jp.jpkigate.idp.introspection.IntrospectionJwt;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.store.ApprovalWithdrawalStore;
import jp.jpkigate.idp.store.GrantRevocations;
import jp.jpkigate.idp.store.RefreshTokenLookup;
import jp.jpkigate.idp.store.RefreshTokenStore;
import jp.jpkigate.idp.store.redis.RedisApprovalWithdrawalStore;
import jp.jpkigate.idp.store.redis.RedisGrantRevocations;
import jp.jpkigate.idp.store.redis.RedisRefreshTokenLookup;
import jp.jpkigate.idp.store.redis.RedisRefreshTokenStore;
import jp.jpkigate.idp.store.redis.RedisReplayCache;
import jp.jpkigate.idp.token.AccessTokenVerifier;
import jp.jpkigate.idp.token.GrantRevoker;
import jp.jpkigate.idp.token.TokenLookup;
import jp.jpkigate.idp.token.TokenOptions;
import jp.jpkigate.idp.token.TokenRevocationHandler;

/**
 * Adds token introspection and revocation to a router from {@link OpenIdProviderRoutes#create}
 * that has the token slice ({@link OpenIdProviderRoutes#addTokenRoutes}, same Redis, same options):
 * <pre>
 * POST /introspect   RFC 7662 (JSON), or RFC 9701 (a signed JWT) with Accept: application/token-introspection+jwt
 * POST /revoke       RFC 7009: a refresh token revokes its grant (family and access tokens); an access token its grant
 * </pre>
 * Clients authenticate as at {@code /token}, mutual TLS included ({@link ClientCertificates} of
 * {@code config.mtls()}, the shared {@link OpenIdProviderRoutes#authenticator}). Other methods on the paths: 405 as OAuth JSON.
 */
public final class TokenManagementRoutes {
    private TokenManagementRoutes() {
    }

    public static Router add(Router router, Vertx vertx, OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                             Redis redis, TokenOptions options, Clock clock) {
        return add(router, config, keys, OpenIdProviderRoutes.authenticator(vertx, config, clients, new RedisReplayCache(redis), clock),
                new RedisRefreshTokenStore(redis), new RedisRefreshTokenLookup(redis), new RedisGrantRevocations(redis),
                new RedisApprovalWithdrawalStore(redis), options, clock);
    }

    public static Router add(Router router, OpenIdProviderConfig config, SigningKeys keys, ClientAuthenticator authenticator,
                             RefreshTokenStore refreshTokens, RefreshTokenLookup refreshTokenLookup,
                             GrantRevocations revocations, ApprovalWithdrawalStore withdrawals, TokenOptions options,
                             Clock clock) {
        String issuer = config.issuer().toString();
        String audience = options.accessTokenAudience().orElse(config.userinfoEndpoint());
        TokenLookup tokens = new TokenLookup(new AccessTokenVerifier(issuer, audience, keys, revocations, clock),
                refreshTokenLookup);
        GrantRevoker revoker = new GrantRevoker(refreshTokens, revocations, options.accessTokenLifetime());
        ClientCertificates certificates = new ClientCertificates(config.mtls());
        router.post(OpenIdProviderConfig.INTROSPECTION_PATH).handler(new IntrospectionEndpoint(
                new IntrospectionHandler(authenticator, tokens, revocations, withdrawals, issuer, clock),
                new IntrospectionJwt(issuer, keys, clock), config.maxRequestBodyBytes(), certificates));
        router.post(OpenIdProviderConfig.REVOCATION_PATH).handler(new RevocationEndpoint(
                new TokenRevocationHandler(authenticator, tokens, revoker), config.maxRequestBodyBytes(), certificates));
        router.route(OpenIdProviderConfig.INTROSPECTION_PATH).handler(ctx -> ctx.fail(405));
        router.route(OpenIdProviderConfig.REVOCATION_PATH).handler(ctx -> ctx.fail(405));
        return router;
    }
}
