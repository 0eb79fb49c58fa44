package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import jp.jpkigate.consent.AuditLogTrail;
import jp.jpkigate.consent.ItemDigester;
import jp.jpkigate.consent.audit.redis.RedisConsentAuditLog;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.registry.RegistryLink;
import jp.jpkigate.consent.web.ConsentApiOptions;
import jp.jpkigate.consent.web.ConsentApiRoutes;
import jp.jpkigate.consent.web.ConsentPageRoutes;
import jp.jpkigate.idp.client.ApiScopes;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.store.redis.RedisGrantRevocations;
import jp.jpkigate.idp.store.redis.RedisReplayCache;
import jp.jpkigate.idp.token.AccessTokenVerifier;
import jp.jpkigate.idp.web.ClientCertificates;

/**
 * The consent service of one HTTP verticle, on the OP's router: the business API under
 * {@code /consent/v1}, the person's pages and the consents dashboard, and the link to J-LIS's consent
 * registry (registration, reported withdrawals, their retries and the withdrawal pull: periodic tasks
 * under Redis leases, so one replica at a time does each). Invitation links are keyed by a key derived
 * from the pairwise secret, so every replica builds and checks the same links.
 */
final class ConsentModule {
    static final String INVITATION_LINK_KEY_LABEL = "jpkigate invitation links v1";
    /** Never change: a new key makes every consented item look changed once (see {@link ItemDigester}). */
    static final String ITEM_DIGEST_KEY_LABEL = "jpkigate item digests v1";

    private final RegistryLink registry;
    private final ItemDigester digests;

    private ConsentModule(RegistryLink registry, ItemDigester digests) {
        this.registry = registry;
        this.digests = digests;
    }

    /** Mounts the routes on {@code router} (reads page templates: call it on a worker) and returns the module. */
    static ConsentModule mount(Router router, Vertx vertx, Redis redis, OpenIdProviderModule op, String jlisUrl, Clock clock) {
        ConsentApiOptions options = ConsentApiOptions.defaults();
        OpenIdProviderConfig config = op.config();
        String issuer = config.issuer().toString();
        RedisConsentAuditLog auditLog = new RedisConsentAuditLog(vertx, redis);
        AuditLogTrail audit = new AuditLogTrail(auditLog, clock);
        InvitationLinks links = new InvitationLinks(issuer, op.derivedKey(INVITATION_LINK_KEY_LABEL));
        RegistryLink registry = RegistryLink.create(vertx, redis, jlisUrl, options.registryTimeout(),
                options.registryRetryEvery(), RegistryLink.backoff(options.registryRetryInitial(), options.registryRetryMax()),
                options.withdrawalPullEvery(), audit,
                id -> op.clients().find(id).flatMap(RegisteredClient::clientName).orElse(id),
                () -> businesses(op), ReplicaIds.next(), clock);
        String audience = op.tokenOptions().accessTokenAudience().orElse(config.userinfoEndpoint());
        ConsentApiRoutes.mount(router, options, issuer,
                new AccessTokenVerifier(issuer, audience, op.keys(), new RedisGrantRevocations(redis), clock),
                new DpopProofVerifier(op.dpop(), new RedisReplayCache(redis), clock), new ClientCertificates(config.mtls()),
                links, redis, audit, clock);
        ItemDigester digests = new ItemDigester(op.derivedKey(ITEM_DIGEST_KEY_LABEL));
        ConsentPageRoutes.mount(router, redis, new ConsentPageRoutes.Wiring(issuer, op.clients(), links, op.verifier(),
                op.personKeys(vertx, redis), registry.sync(), auditLog, Optional.of(digests), clock));
        return new ConsentModule(registry, digests);
    }

    /** The businesses that invite: registered clients allowed {@code consent:write}. */
    private static Collection<String> businesses(OpenIdProviderModule op) {
        return op.clients().all().stream().filter(c -> c.scopes().contains(ApiScopes.CONSENT_WRITE))
                .map(RegisteredClient::clientId).toList();
    }

    /** The keyed digests of consented items, which the feed compares J-LIS's answers with. */
    ItemDigester digests() {
        return digests;
    }

    /** Starts the periodic J-LIS tasks (call on the verticle's context). */
    void start() {
        registry.start();
    }

    Future<Void> stop() {
        return registry.stop();
    }
}
