package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.consent.ItemDigester;
import jp.jpkigate.feed.flow.FeedLink;
import jp.jpkigate.feed.flow.FeedLinkOptions;
import jp.jpkigate.feed.metrics.InProcessFeedMetrics;
import jp.jpkigate.feed.outbox.redis.RedisOutbox;
import jp.jpkigate.feed.poll.PollOptions;
import jp.jpkigate.feed.poll.PollService;
import jp.jpkigate.feed.push.Destination;
import jp.jpkigate.feed.push.FeedDestinations;
import jp.jpkigate.feed.push.PushDelivery;
import jp.jpkigate.feed.push.PushOptions;
import jp.jpkigate.feed.push.WebSetPoster;
import jp.jpkigate.feed.set.SetIssuer;
import jp.jpkigate.feed.web.FeedRoutes;
import jp.jpkigate.feed.web.PollAccess;
import jp.jpkigate.idp.client.ApiScopes;
import jp.jpkigate.idp.client.FeedMetadata;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.store.redis.RedisGrantRevocations;
import jp.jpkigate.idp.store.redis.RedisReplayCache;
import jp.jpkigate.idp.token.AccessTokenVerifier;
import jp.jpkigate.idp.token.ProtectedResourceAccess;
import jp.jpkigate.idp.token.AccessTokenVerifier.VerifiedAccessToken;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.OpenIdProviderRoutes;
import jp.jpkigate.idp.web.ProtectedResourceHttp;
import jp.jpkigate.revocation.service.RevocationService;
import jp.jpkigate.revocation.store.redis.RedisKeys;
import jp.jpkigate.revocation.store.redis.RedisLeaderLease;

/**
 * The latest-4-information feed of one HTTP verticle: detection (the consents' change logs, the
 * revocation stream, J-LIS's 4-information provision, the daily status check), the durable outbox,
 * push delivery (RFC 8935) to businesses with an endpoint, the poll endpoint (RFC 8936,
 * {@code POST /feed/v1/poll}, scope {@code feed:read}); {@code GET /feed/metrics} is on the metrics
 * listener ({@link MetricsVerticle}). Periodic work runs
 * under Redis leases, so each task runs on one replica at a time whatever the number of verticles.
 */
final class FeedModule {
    private final FeedLink link;
    private final PushDelivery push;
    private final WebSetPoster poster;

    private FeedModule(FeedLink link, PushDelivery push, WebSetPoster poster) {
        this.link = link;
        this.push = push;
        this.poster = poster;
    }

    /** @param metrics the process's feed metrics, one for all HTTP verticles, so each scrape sees every push */
    static FeedModule mount(Router router, Vertx vertx, Redis redis, OpenIdProviderModule op, RevocationService revocation,
                            String jlisUrl, ItemDigester digests, InProcessFeedMetrics metrics, Clock clock) {
        OpenIdProviderConfig config = op.config();
        String issuer = config.issuer().toString();
        String replica = ReplicaIds.next();
        RedisOutbox outbox = new RedisOutbox(redis, clock);
        FeedDestinations destinations = clientId -> op.clients().find(clientId).map(RegisteredClient::feed)
                .flatMap(FeedModule::destination);
        FeedLink link = FeedLink.create(vertx, redis, jlisUrl, RedisKeys.DEFAULT, revocation, outbox,
                new SetIssuer(issuer, op.keys(), clock, new SecureRandom()), op.clients(),
                OpenIdProviderRoutes.clientKeys(vertx, clock), op.anchors(), digests,
                FeedLinkOptions.defaults(), replica, clock);
        PushOptions pushOptions = PushOptions.defaults();
        WebSetPoster poster = new WebSetPoster(vertx, pushOptions.connections());
        PushDelivery push = new PushDelivery(vertx, outbox, destinations, poster,
                clientId -> new RedisLeaderLease(redis, RedisOutbox.leaseKeys(clientId), "push", replica,
                        pushOptions.leaseDuration(), clock),
                metrics, pushOptions, clock, new SecureRandom(), replica);
        FeedRoutes.addPoll(router, new PollService(vertx, outbox, metrics, PollOptions.defaults(), clock, replica),
                pollAccess(op, redis, issuer + FeedRoutes.POLL_PATH, clock), destinations);
        return new FeedModule(link, push, poster);
    }

    private static Optional<Destination> destination(FeedMetadata feed) {
        return feed.deliveryMethod().map(method -> method == FeedMetadata.DeliveryMethod.PUSH
                ? Destination.push(feed.endpointUrl().orElseThrow()) : Destination.poll());
    }

    /** The poll endpoint checks its token like every protected resource of the OP: scope {@code feed:read}. */
    private static PollAccess pollAccess(OpenIdProviderModule op, Redis redis, String pollUrl, Clock clock) {
        OpenIdProviderConfig config = op.config();
        String issuer = config.issuer().toString();
        String audience = op.tokenOptions().accessTokenAudience().orElse(config.userinfoEndpoint());
        DpopProofVerifier proofs = new DpopProofVerifier(op.dpop(), new RedisReplayCache(redis), clock);
        ProtectedResourceAccess access = new ProtectedResourceAccess(
                new AccessTokenVerifier(issuer, audience, op.keys(), new RedisGrantRevocations(redis), clock), proofs);
        ClientCertificates certificates = new ClientCertificates(config.mtls());
        TargetUri target = TargetUri.of(pollUrl);
        return new PollAccess() {
            @Override
            public Future<String> clientId(RoutingContext ctx) {
                return ProtectedResourceHttp.check(ctx.request(), ctx.response(), access, proofs, target, certificates,
                        Set.of(ApiScopes.FEED_READ)).map(VerifiedAccessToken::clientId);
            }

            @Override
            public boolean answer(io.vertx.core.http.HttpServerResponse response, Throwable failure) {
                return ProtectedResourceHttp.answer(response, failure);
            }
        };
    }

    /** Starts detection and push delivery (call on the verticle's context). */
    void start() {
        link.start();
        push.start();
    }

    Future<Void> stop() {
        return Future.all(link.stop(), push.stop()).<Void>mapEmpty().eventually(() -> {
            poster.close();
            return Future.succeededFuture();
        });
    }
}
