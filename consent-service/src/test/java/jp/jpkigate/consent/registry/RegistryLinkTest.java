package jp.jpkigate.consent.registry;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.jpkigate.consent.AuditLogTrail;
import jp.jpkigate.consent.RecordingAudit;
import jp.jpkigate.consent.audit.AuditChainReport;
import jp.jpkigate.consent.audit.AuditChainVerifier;
import jp.jpkigate.consent.audit.AuditEntry;
import jp.jpkigate.consent.audit.redis.RedisConsentAuditLog;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.ConsentState;
import jp.jpkigate.consent.record.Withdrawal;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentStore;
import jp.jpkigate.consent.store.redis.RedisInvitationStore;
import jp.jpkigate.consent.store.redis.RedisRegistryCursors;
import jp.jpkigate.consent.store.redis.RedisRegistryLeases;
import jp.jpkigate.consent.store.redis.RedisRegistryQueue;
import jp.jpkigate.idp.approval.FourInformationItem;
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
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The J-LIS link against the simulator's own routes ({@link SimHttpServer#routes}, its registry in a temporary
 * state directory), a real Redis and a clock the tests move: J-LIS is "down" while a switch in front of it
 * answers 503.
 */
class RegistryLinkTest {
    private static final String PASSWORD = "PASSWORD1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger BUSINESSES = new AtomicInteger();

    private static TestRedis redisServer;
    private static Vertx vertx;
    private static Redis redis;
    private static MutableClock clock;
    private static SimState sim;
    private static ConsentRegistry jlisRegistry;
    private static Device card;
    private static CardClient cardClient;
    private static HttpServer jlisServer;
    private static volatile boolean jlisDown;

    private final RecordingAudit audit = new RecordingAudit();
    private final RedisInvitationStore invitations = new RedisInvitationStore(redis, clock);
    private final RedisConsentStore consents = new RedisConsentStore(redis);
    private final RedisConsentChangeLog changes = new RedisConsentChangeLog(redis);
    private final RedisRegistryQueue queue = new RedisRegistryQueue(redis);
    private final JlisConsentRegistry jlis = new WebJlisConsentRegistry(WebClient.create(vertx),
            "http://127.0.0.1:" + jlisServer.actualPort(), Duration.ofSeconds(5));
    private final RegistrySync sync = new RegistrySync(jlis, consents, changes, queue, audit, id -> "Bank " + id,
            new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10), new Random(7)), clock);
    private final String business = "bank-" + BUSINESSES.incrementAndGet();

    @BeforeAll
    static void start() throws Exception {
        redisServer = TestRedis.start();
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        redis = redisServer.client(vertx);
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        sim = SimState.init(Files.createTempDirectory("registry-link-sim"), clock, RANDOM, false);
        card = sim.registry().life().issue(new CardRequest("髙橋", "花子", LocalDate.of(1990, 1, 2), FourInfo.Gender.FEMALE,
                "東京都新宿区西新宿二丁目８番１号", new Municipality("Tokyo", "Shinjuku-ku"), "1234", PASSWORD, KeyAlgorithm.RSA_2048));
        sim.save();
        cardClient = new CardClient(sim.store().loadCard(card.id()));
        jlisRegistry = new ConsentRegistry(() -> sim.registry(), new MemoryConsentStore(), clock);
        Router front = Router.router(vertx);
        front.route().handler(ctx -> {
            if (jlisDown) {
                ctx.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"urn:jpki-sim:problem:unavailable\",\"title\":\"Unavailable\",\"status\":503}");
            } else {
                ctx.next();
            }
        });
        front.route("/*").subRouter(SimHttpServer.routes(vertx, SimPublisherSources.of(sim.registry(), jlisRegistry, clock)));
        jlisServer = await(vertx.createHttpServer().requestHandler(front).listen(0, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        redisServer.close();
    }

    /** The person signs {@code text} with the card's signature key: the evidence, certificate kept. */
    private static ConsentEvidence signed(String text) {
        byte[] statement = text.getBytes(StandardCharsets.UTF_8);
        byte[] signature = cardClient.sign(CaKind.SIGNATURE, PASSWORD, statement);
        try {
            byte[] certificate = cardClient.readCertificate(CaKind.SIGNATURE, PASSWORD).getEncoded();
            return new ConsentEvidence(statement, signature, "sim:sign", java.math.BigInteger.ONE, Optional.of(certificate),
                    "valid", clock.instant());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An invitation of this test's business, used by the person: the stored consent, REGISTERING. */
    private ConsentRecord consent(ConsentEvidence evidence) throws Exception {
        Invitation invitation = new Invitation(InvitationLinks.newId(RANDOM), business, "C-1",
                List.of(FourInformationItem.ADDRESS), "住所変更の確認", clock.instant(), clock.instant().plus(Duration.ofDays(30)));
        await(invitations.saveAll(List.of(invitation), Duration.ofDays(1)));
        ConsentRecord record = ConsentRecord.signed(invitation, "person-1", clock.instant(), evidence);
        await(consents.create(record));
        return record;
    }

    private ConsentRecord stored(String id) throws Exception {
        return await(consents.find(id)).orElseThrow();
    }

    private List<ConsentChangeLog.Change> changesOf() throws Exception {
        return await(changes.since(business, Optional.empty(), 100)).entries().stream().map(ConsentChangeLog.Entry::change).toList();
    }

    @Test
    void aSignedConsentIsRegisteredAndTheCertificateIsNoLongerKept() throws Exception {
        ConsentRecord signed = consent(signed("{\"consent\":1}"));

        ConsentRecord answered = await(sync.register(signed));

        assertThat(answered.state()).isEqualTo(ConsentState.ACTIVE);
        assertThat(answered).isEqualTo(stored(signed.id()));
        assertThat(answered.evidence().certificate()).isEmpty();
        assertThat(answered.registration().orElseThrow().validUntil())
                .isEqualTo(LocalDate.ofInstant(clock.instant(), ConsentRecord.JAPAN).plusDays(1).plusYears(10).minusDays(1));
        JlisConsentRegistry.Recorded atJlis = await(jlis.find(answered.registration().get().registryId()));
        assertThat(atJlis.consentId()).isEqualTo(signed.id());
        assertThat(atJlis.businessId()).isEqualTo(business);
        assertThat(atJlis.status()).isEqualTo("active");
        assertThat(changesOf()).extracting(ConsentChangeLog.Change::status).containsExactly(BusinessStatus.ACTIVE);
        assertThat(audit.events).containsExactly("consent_registered " + business + " " + signed.id());
        assertThat(await(queue.due(clock.instant().plus(Duration.ofDays(1)), 100))).doesNotContain(signed.id());
        // Registering again (a replica that had not seen the answer) changes nothing.
        assertThat(await(sync.register(signed))).isEqualTo(answered);
    }

    @Test
    void whileJlisIsDownTheConsentWaitsAndIsRetriedWithBackoffUntilJlisRecordsIt() throws Exception {
        ConsentRecord signed = consent(signed("{\"consent\":2}"));
        RegistryRetryTask retry = new RegistryRetryTask(queue, sync, clock, 10);
        jlisDown = true;
        try {
            ConsentRecord answered = await(sync.register(signed));
            assertThat(answered).isEqualTo(signed).isEqualTo(stored(signed.id()));
            assertThat(answered.evidence().certificate()).isPresent();
            assertThat(audit.events).containsExactly("registration_failed " + business + " " + signed.id() + " jlis_unavailable");
            assertThat(await(queue.due(clock.instant(), 10))).doesNotContain(signed.id());
            assertThat(await(queue.due(clock.instant().plusSeconds(30), 10))).contains(signed.id());

            clock.advance(Duration.ofSeconds(30));
            assertThat(await(retry.runOnce())).isGreaterThanOrEqualTo(1);
            assertThat(stored(signed.id()).state()).isEqualTo(ConsentState.REGISTERING);
            assertThat(await(queue.due(clock.instant().plusSeconds(29), 10))).doesNotContain(signed.id());
            assertThat(audit.events).hasSize(1);
        } finally {
            jlisDown = false;
        }
        clock.advance(Duration.ofSeconds(60));
        await(retry.runOnce());

        ConsentRecord registered = stored(signed.id());
        assertThat(registered.state()).isEqualTo(ConsentState.ACTIVE);
        assertThat(registered.evidence().certificate()).isEmpty();
        assertThat(audit.events).last().isEqualTo("consent_registered " + business + " " + signed.id());
        assertThat(await(queue.due(clock.instant().plus(Duration.ofDays(1)), 100))).doesNotContain(signed.id());
    }

    @Test
    void aConsentJlisRefusesIsAuditedAndNotRetried() throws Exception {
        ConsentEvidence good = signed("{\"consent\":3}");
        ConsentEvidence forged = new ConsentEvidence("{\"consent\":\"other\"}".getBytes(StandardCharsets.UTF_8), good.signature(),
                good.certificateIssuer(), good.certificateSerial(), good.certificate(), good.result(), good.verifiedAt());
        ConsentRecord signed = consent(forged);

        assertThat(await(sync.register(signed)).state()).isEqualTo(ConsentState.REGISTERING);

        assertThat(audit.events).containsExactly("registration_failed " + business + " " + signed.id() + " jlis_bad_signature");
        assertThat(await(queue.due(clock.instant().plus(Duration.ofDays(1)), 100))).doesNotContain(signed.id());
    }

    @Test
    void aWithdrawalMadeHereIsReportedToJlis() throws Exception {
        ConsentRecord active = await(sync.register(consent(signed("{\"consent\":4}"))));
        ConsentRecord withdrawn = active.withdrawn(new Withdrawal(clock.instant(), Withdrawal.Source.DASHBOARD,
                Optional.of(signed("{\"withdraw\":4}")), false));
        assertThat(await(consents.update(active, withdrawn))).isTrue();

        ConsentRecord reported = await(sync.reportWithdrawal(withdrawn));

        assertThat(reported.withdrawal().orElseThrow().reportedToRegistry()).isTrue();
        assertThat(reported.withdrawal().get().evidence().orElseThrow().certificate()).isEmpty();
        assertThat(stored(active.id())).isEqualTo(reported);
        JlisConsentRegistry.Recorded atJlis = await(jlis.find(active.registration().orElseThrow().registryId()));
        assertThat(atJlis.status()).isEqualTo("withdrawn");
        assertThat(atJlis.withdrawnBy()).contains("business-platform");
    }

    @Test
    void aConsentWithdrawnBeforeJlisRecordedItIsRegisteredThenWithdrawnThere() throws Exception {
        ConsentRecord signed = consent(signed("{\"consent\":5}"));
        jlisDown = true;
        try {
            await(sync.register(signed));
        } finally {
            jlisDown = false;
        }
        ConsentRecord withdrawn = signed.withdrawn(new Withdrawal(clock.instant(), Withdrawal.Source.DASHBOARD,
                Optional.of(signed("{\"withdraw\":5}")), false));
        assertThat(await(consents.update(signed, withdrawn))).isTrue();

        ConsentRecord settled = await(sync.reportWithdrawal(withdrawn));

        assertThat(settled.state()).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(settled.registration()).isPresent();
        assertThat(settled.withdrawal().orElseThrow().reportedToRegistry()).isTrue();
        assertThat(settled.evidence().certificate()).isEmpty();
        assertThat(await(jlis.find(settled.registration().get().registryId())).status()).isEqualTo("withdrawn");
    }

    @Test
    void aWithdrawalMadeInJlisOwnAppIsPulledOnce() throws Exception {
        ConsentRecord active = await(sync.register(consent(signed("{\"consent\":6}"))));
        WithdrawalPull pull = new WithdrawalPull(jlis, consents, changes, new RedisRegistryCursors(redis), audit,
                () -> List.of(business), 2, 5, clock);
        assertThat(await(pull.runOnce())).isZero();
        clock.advance(Duration.ofMinutes(1));
        jlisRegistry.withdrawByPerson(card.personId(), active.registration().orElseThrow().registryId());

        assertThat(await(pull.runOnce())).isEqualTo(1);

        ConsentRecord withdrawn = stored(active.id());
        assertThat(withdrawn.state()).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(withdrawn.withdrawal().orElseThrow().source()).isEqualTo(Withdrawal.Source.REGISTRY);
        assertThat(withdrawn.withdrawal().get().at()).isEqualTo(clock.instant());
        assertThat(changesOf()).extracting(ConsentChangeLog.Change::status)
                .containsExactly(BusinessStatus.ACTIVE, BusinessStatus.WITHDRAWN);
        assertThat(changesOf().get(1).reason()).contains(WithdrawalPull.REASON);
        assertThat(audit.events).last().isEqualTo("withdrawal_pulled " + business + " " + active.id());
        assertThat(await(pull.runOnce())).isZero();
        assertThat(changesOf()).hasSize(2);
    }

    @Test
    void theLinksEventsAreAppendedToTheHashChainedAuditLog() throws Exception {
        RedisConsentAuditLog log = new RedisConsentAuditLog(vertx, redis);
        RegistrySync audited = new RegistrySync(jlis, consents, changes, queue, new AuditLogTrail(log, clock), id -> "Bank",
                new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10), new Random(7)), clock);
        ConsentRecord active = await(audited.register(consent(signed("{\"consent\":7}"))));
        ConsentRecord refused = await(audited.register(consent(signed("{\"consent\":8}")).withoutCertificates()));

        List<String> events = await(log.read(1, 1000)).stream().map(AuditEntry::event)
                .filter(e -> e.business().equals(business))
                .map(e -> e.type().wireName() + " " + e.record() + " " + e.details().values()).toList();
        assertThat(events).containsExactly("consent_registered " + active.id() + " []",
                "registration_failed " + refused.id() + " [certificate_missing]");
        assertThat(await(new AuditChainVerifier(log).verify())).isInstanceOf(AuditChainReport.Intact.class);
    }

    @Test
    void aPeriodicTaskRunsOnOneReplicaAtATimeAndMovesWhenItsHolderStops() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Duration every = Duration.ofSeconds(30);
        LeasedTask a = new LeasedTask(vertx, RedisRegistryLeases.lease(redis, "test-" + business, "replica-a",
                every.multipliedBy(3), clock), every, () -> io.vertx.core.Future.succeededFuture(runs.incrementAndGet()));
        LeasedTask b = new LeasedTask(vertx, RedisRegistryLeases.lease(redis, "test-" + business, "replica-b",
                every.multipliedBy(3), clock), every, () -> io.vertx.core.Future.succeededFuture(runs.incrementAndGet()));

        assertThat(await(a.tick())).isTrue();
        assertThat(await(b.tick())).isFalse();
        clock.advance(every);
        assertThat(await(a.tick())).isTrue();
        assertThat(await(b.tick())).isFalse();
        clock.advance(every.multipliedBy(3).plusSeconds(1)); // a died: no tick renewed its lease
        assertThat(await(b.tick())).isTrue();
        assertThat(await(a.tick())).isFalse();
        await(b.stop());
        assertThat(await(a.tick())).isTrue();
        assertThat(runs.get()).isEqualTo(4);
    }
}
