package jp.jpkigate.feed.flow;

import static jp.jpkigate.testing.TestRedis.await;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.jpkigate.consent.ConsentAuditTrail;
import jp.jpkigate.consent.ItemDigester;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.Withdrawal;
import jp.jpkigate.consent.registry.RegistrySync;
import jp.jpkigate.consent.registry.RetryBackoff;
import jp.jpkigate.consent.registry.WebJlisConsentRegistry;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentStore;
import jp.jpkigate.consent.store.redis.RedisInvitationStore;
import jp.jpkigate.consent.store.redis.RedisRegistryQueue;
import jp.jpkigate.feed.outbox.ClaimedEvent;
import jp.jpkigate.feed.outbox.Settlement;
import jp.jpkigate.feed.outbox.redis.RedisOutbox;
import jp.jpkigate.feed.receiver.InMemoryReplayGuard;
import jp.jpkigate.feed.receiver.SetVerifier;
import jp.jpkigate.feed.set.SecurityEvent;
import jp.jpkigate.feed.set.SetFixtures;
import jp.jpkigate.feed.set.SetIssuer;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.jpki.FourInformationParser;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.idp.web.RemoteClientKeys;
import jp.jpkigate.revocation.cache.IssuerKeys;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.IssuerInfo;
import jp.jpkigate.revocation.service.IssuerKey;
import jp.jpkigate.revocation.service.RevocationChange;
import jp.jpkigate.revocation.service.RevocationMetrics;
import jp.jpkigate.revocation.service.RevocationService;
import jp.jpkigate.revocation.store.redis.RedisKeys;
import jp.jpkigate.revocation.store.redis.RedisRevocationStream;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.consent.ConsentRegistry;
import jp.jpkigate.sim.consent.MemoryConsentStore;
import jp.jpkigate.sim.http.SimHttpServer;
import jp.jpkigate.sim.http.SimPublisherSources;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.CertStatus;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;

/**
 * The feed's detection against the real pieces: a real Redis, the simulator (registry in a temporary state
 * directory, its J-LIS routes with the consent registry and the 4-information API, served on port 0), consents
 * signed with virtual cards and registered at the simulated J-LIS, the revocation cache's Redis stream, the
 * outbox, SETs verified by the reference receiver's {@link SetVerifier}. A clock the tests move; nothing sleeps.
 * Each test makes its own businesses (fresh client ids, so fresh change logs, outboxes and cursors).
 */
final class FeedWorld implements AutoCloseable {
    static final String PASSWORD = "PASSWORD1";
    static final RedisKeys REVOCATION = new RedisKeys("test:revocation");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger IDS = new AtomicInteger();

    final TestRedis redisServer;
    final Vertx vertx;
    final Redis redis;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final SimState sim;
    final ConsentRegistry jlisRegistry;
    final HttpServer jlis;
    final String jlisBase;
    final TrustAnchors anchors;
    final ItemDigester digester = new ItemDigester(key());
    final RedisConsentStore consents;
    final RedisConsentChangeLog changes;
    final RedisInvitationStore invitations;
    final RegistrySync registry;
    final RedisOutbox outbox;
    final RedisRevocationStream stream;
    final SetIssuer sets;

    FeedWorld() throws Exception {
        redisServer = TestRedis.start();
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        redis = redisServer.client(vertx);
        sim = SimState.init(Files.createTempDirectory("feed-sim"), clock, RANDOM, false);
        jlisRegistry = new ConsentRegistry(() -> sim.registry(), new MemoryConsentStore(), clock);
        jlis = await(vertx.createHttpServer().requestHandler(SimHttpServer.routes(vertx,
                SimPublisherSources.of(sim.registry(), jlisRegistry, clock))).listen(0, "127.0.0.1"));
        jlisBase = "http://127.0.0.1:" + jlis.actualPort();
        anchors = TrustAnchors.of("sim", sim.cas().all().stream().map(ca -> ca.certificate()).toList());
        consents = new RedisConsentStore(redis);
        changes = new RedisConsentChangeLog(redis);
        invitations = new RedisInvitationStore(redis, clock);
        registry = new RegistrySync(new WebJlisConsentRegistry(WebClient.create(vertx), jlisBase, Duration.ofSeconds(5)), consents,
                changes, new RedisRegistryQueue(redis), ConsentAuditTrail.NONE, id -> "Business " + id,
                new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10), new Random(7)), clock);
        outbox = new RedisOutbox(redis, clock);
        stream = new RedisRevocationStream(redis, REVOCATION);
        sets = SetFixtures.issuer(clock);
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
        redisServer.close();
    }

    /** A business of this test: client id, its encryption key, its receiver. */
    record Business(String id, JWK key, SetVerifier receiver) {
    }

    Business business(String name) {
        String id = name + "-" + IDS.incrementAndGet();
        JWK key = SetFixtures.encryptionKey(id + "-enc", false);
        return new Business(id, key, new SetVerifier(SetFixtures.ISSUER, id, new JWKSet(key),
                new InMemoryReplayGuard(1000, Duration.ofDays(7), clock), clock, Duration.ofMinutes(1), Duration.ofDays(7)));
    }

    /** The client registry of the given businesses: each polls the feed and registered its public encryption key. */
    static ClientRegistry clients(Business... businesses) {
        return registry(java.util.Arrays.stream(businesses).map(FeedWorld::inline).toArray(String[]::new));
    }

    /** A business's registration with its keys inline ({@code jwks}: a signature key and its encryption key). */
    static String inline(Business business) {
        return registration(business, "\"jwks\":" + JwksServer.publicKeys(business).toString(true));
    }

    /** A business's registration with its keys published at {@code jwksUri} instead. */
    static String publishing(Business business, String jwksUri) {
        return registration(business, "\"jwks_uri\":\"" + jwksUri + "\"");
    }

    private static String registration(Business business, String keys) {
        return "{\"client_id\":\"" + business.id() + "\",\"redirect_uris\":[\"https://rp.example/cb\"]," + keys
                + ",\"feed_delivery_method\":\"urn:ietf:rfc:8936\"}";
    }

    /** The client registry of these registrations. */
    static ClientRegistry registry(String... registrations) {
        try {
            return ClientRegistry.parse("[" + String.join(",", registrations) + "]");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    FeedLink link(ClientRegistry clients, String replica, FeedLinkOptions options) {
        return link(clients, replica, options, jlisBase);
    }

    /** The same, with J-LIS at {@code jlisUrl} (for example a server the test stops and starts again). */
    FeedLink link(ClientRegistry clients, String replica, FeedLinkOptions options, String jlisUrl) {
        return FeedLink.create(vertx, redis, jlisUrl, REVOCATION, new SimRevocations(), outbox, sets, clients,
                new RemoteClientKeys(WebClient.create(vertx), clock), anchors, digester, options, replica, clock);
    }

    static FeedLinkOptions options() {
        return FeedLinkOptions.defaults().withRetry(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(30));
    }

    Device person(String address) {
        Device card = sim.registry().life().issue(new CardRequest("髙橋", "花子", LocalDate.of(1990, 1, 2), FourInfo.Gender.FEMALE,
                address, new Municipality("Tokyo", "Shinjuku-ku"), "1234", PASSWORD, KeyAlgorithm.RSA_2048));
        sim.save();
        return card;
    }

    Device current(Device card) {
        return sim.registry().device(card.id());
    }

    /** The person signs a consent for the business's customer with their card; registered at J-LIS: ACTIVE. */
    ConsentRecord consent(Device card, Business business, String customer, FourInformationItem... items) throws Exception {
        CardClient client = new CardClient(sim.store().loadCard(card.id()));
        X509Certificate certificate = client.readCertificate(CaKind.SIGNATURE, PASSWORD);
        byte[] statement = ("{\"consent\":\"" + business.id() + "/" + customer + "\"}").getBytes(StandardCharsets.UTF_8);
        ConsentEvidence evidence = new ConsentEvidence(statement, client.sign(CaKind.SIGNATURE, PASSWORD, statement),
                anchorOf(certificate), certificate.getSerialNumber(), Optional.of(certificate.getEncoded()), "valid", clock.instant());
        Invitation invitation = new Invitation(InvitationLinks.newId(RANDOM), business.id(), customer, List.of(items),
                "住所変更の確認", clock.instant(), clock.instant().plus(Duration.ofDays(30)));
        await(invitations.saveAll(List.of(invitation), Duration.ofDays(1)));
        ConsentRecord signed = ConsentRecord.signed(invitation, card.personId(), clock.instant(), evidence)
                .withItemDigests(digester.digests(FourInformationParser.parse(certificate), List.of(items)));
        await(consents.create(signed));
        await(changes.append(business.id(), new ConsentChangeLog.Change(signed.id(), customer, BusinessStatus.PENDING,
                clock.instant(), Optional.empty())));
        return await(registry.register(signed));
    }

    private String anchorOf(X509Certificate certificate) {
        IssuerKey key = IssuerKeys.issuerOf(certificate).orElseThrow();
        return anchors.all().stream().filter(a -> a.subjectKeyIdentifier().equals(key.keyIdHex())).findFirst().orElseThrow().id();
    }

    /** The person withdraws on the dashboard: the record and the business's change log, as the dashboard writes them. */
    void withdraw(ConsentRecord consent) throws Exception {
        ConsentRecord current = await(consents.find(consent.id())).orElseThrow();
        await(consents.update(current, current.withdrawn(new Withdrawal(clock.instant(), Withdrawal.Source.DASHBOARD,
                Optional.empty(), true))));
        await(changes.append(consent.clientId(), new ConsentChangeLog.Change(consent.id(), consent.customerNumber(),
                BusinessStatus.WITHDRAWN, clock.instant(), Optional.of("withdrawn"))));
    }

    /** The revocation cache saw the certificate revoked: appended to its stream. */
    void streamRevocation(CertId certificate) throws Exception {
        IssuerKey issuer = IssuerKeys.keyOf(sim.cas().byId(certificate.caId()).certificate());
        await(stream.append(List.of(new RevocationChange(issuer, certificate.serial(), RevocationChange.Kind.REVOKED,
                CrlReason.AFFILIATION_CHANGED, LocalDate.ofInstant(clock.instant(), ConsentRecord.JAPAN), clock.instant()))));
    }

    /** What the business's receiver gets from its outbox now (acknowledged, so the outbox is empty after). */
    List<SecurityEvent> received(Business business) throws Exception {
        List<SecurityEvent> events = new ArrayList<>();
        List<ClaimedEvent> claimed = await(outbox.claim(business.id(), "test", 100, Duration.ofMinutes(1))).events();
        JWKSet opKeys = new JWKSet(SetFixtures.OP_KEY).toPublicJWKSet();
        List<Settlement> acks = new ArrayList<>();
        for (ClaimedEvent event : claimed) {
            SetVerifier.Outcome outcome = business.receiver().verify(event.event().jwe(), opKeys);
            events.add(((SetVerifier.Outcome.Accepted) outcome).set().event());
            acks.add(new Settlement.Acknowledge(event.jti()));
        }
        if (!acks.isEmpty()) {
            await(outbox.settle(business.id(), acks));
        }
        return events;
    }

    /** The revocation cache as the status check asks it: the simulator's registry's word. */
    final class SimRevocations implements RevocationService {
        @Override
        public Future<CheckResult> check(X509Certificate certificate) {
            return Future.succeededFuture(new CheckResult.Unknown("not used"));
        }

        @Override
        public Future<CheckResult> check(IssuerKey issuer, BigInteger serial) {
            for (CertId id : sim.registry().findSerial(serial)) {
                if (IssuerKeys.keyOf(sim.cas().byId(id.caId()).certificate()).equals(issuer)) {
                    CertStatus status = sim.registry().status(id);
                    return Future.succeededFuture(status.good() ? new CheckResult.Good(clock.instant(), 1, CheckResult.Source.CRL)
                            : new CheckResult.Revoked(CrlReason.AFFILIATION_CHANGED, LocalDate.ofInstant(status.at(),
                                    ConsentRecord.JAPAN), clock.instant(), 1, CheckResult.Source.CRL));
                }
            }
            return Future.succeededFuture(new CheckResult.Unknown("unknown serial"));
        }

        @Override
        public List<IssuerInfo> issuers() {
            return List.of();
        }

        @Override
        public RevocationMetrics metrics() {
            return new RevocationMetrics();
        }
    }

    static Map<FourInformationItem, String> map(Object... pairs) {
        Map<FourInformationItem, String> out = new java.util.EnumMap<>(FourInformationItem.class);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((FourInformationItem) pairs[i], (String) pairs[i + 1]);
        }
        return out;
    }
}
