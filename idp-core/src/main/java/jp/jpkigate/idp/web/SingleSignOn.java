package jp.jpkigate.idp.web;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.logout.BackChannelLogout;
import jp.jpkigate.idp.logout.BackChannelOptions;
import jp.jpkigate.idp.logout.IdTokenHintVerifier;
import jp.jpkigate.idp.logout.LogoutHandler;
import jp.jpkigate.idp.logout.LogoutTokens;
import jp.jpkigate.idp.logout.SessionLogout;
import jp.jpkigate.idp.session.SessionOptions;
import jp.jpkigate.idp.session.SsoSessions;
import jp.jpkigate.idp.store.redis.RedisGrantRevocations;
import jp.jpkigate.idp.store.redis.RedisRefreshTokenStore;
import jp.jpkigate.idp.store.redis.RedisSsoSessionStore;
import jp.jpkigate.idp.subject.PairwiseSubjects;
import jp.jpkigate.idp.subject.PersonKeyResolver;
import jp.jpkigate.idp.token.GrantRevoker;
import jp.jpkigate.idp.token.TokenOptions;

/**
 * The single sign-on slice of the login routes ({@link OpenIdProviderRoutes#addLoginRoutes}): the
 * sessions and the logout, on Redis, Logout Tokens signed with the OP's keys and posted with a
 * Vert.x web client.
 */
public record SingleSignOn(SsoSessions sessions, LogoutHandler logout) {
    public SingleSignOn {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(logout, "logout");
    }

    /** Everything on one Redis, with the default back-channel delivery. */
    public static SingleSignOn redis(Vertx vertx, OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                                     Redis redis, PersonKeyResolver persons, TokenOptions tokens, SessionOptions options,
                                     Clock clock) {
        return redis(vertx, config, keys, clients, redis, persons, tokens, options, BackChannelOptions.defaults(), clock);
    }

    public static SingleSignOn redis(Vertx vertx, OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                                     Redis redis, PersonKeyResolver persons, TokenOptions tokens, SessionOptions options,
                                     BackChannelOptions backChannel, Clock clock) {
        String issuer = config.issuer().toString();
        SecureRandom random = new SecureRandom();
        GrantRevoker revoker = new GrantRevoker(new RedisRefreshTokenStore(redis), new RedisGrantRevocations(redis),
                tokens.accessTokenLifetime());
        BackChannelLogout notifications = new BackChannelLogout(clients, new PairwiseSubjects(tokens.pairwiseSecret(), persons),
                new LogoutTokens(issuer, keys, backChannel.tokenLifetime(), clock, random), new WebLogoutTokenSender(vertx),
                backChannel);
        SsoSessions sessions = new SsoSessions(new RedisSsoSessionStore(redis), persons, options,
                new SessionLogout(revoker, notifications), clock, random);
        return new SingleSignOn(sessions, new LogoutHandler(new IdTokenHintVerifier(issuer, keys, clients), clients, sessions,
                random));
    }
}
