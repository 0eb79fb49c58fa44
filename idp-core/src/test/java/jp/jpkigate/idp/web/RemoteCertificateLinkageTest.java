package jp.jpkigate.idp.web;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.idp.login.SignerIdentity;
import jp.jpkigate.idp.store.redis.RedisPersonKeyStore;
import jp.jpkigate.idp.subject.CertificateId;
import jp.jpkigate.idp.subject.LinkageException;
import jp.jpkigate.idp.subject.LinkedPersonKeys;
import jp.jpkigate.idp.subject.PairwiseSubjects;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.http.SimHttpServer;
import jp.jpkigate.sim.http.SimPublisherSources;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.KeySource;
import jp.jpkigate.sim.registry.MemoryStore;
import jp.jpkigate.sim.registry.SimCas;
import jp.jpkigate.sim.registry.SimRegistry;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pairwise subjects across card renewal, end to end: the simulator's registry and its HTTP server
 * (the linkage API), the web client, a real Redis for the per-certificate record. A card issued
 * under one CA generation is renewed under the next, whose trust anchor id and CA id differ.
 */
class RemoteCertificateLinkageTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SECRET = "a-test-pairwise-secret-of-32-bytes!".getBytes();
    /** P-384 generations: cheap keys. 2021 is the only one valid in 2025, 2026 the newest from 2026. */
    private static final List<SimCa> CAS = List.of(
            SimCa.create(CaKind.AUTHENTICATION, 2021, KeyAlgorithm.EC_P384, RANDOM),
            SimCa.create(CaKind.AUTHENTICATION, 2026, KeyAlgorithm.EC_P384, RANDOM),
            SimCa.create(CaKind.SIGNATURE, 2021, KeyAlgorithm.EC_P384, RANDOM),
            SimCa.create(CaKind.SIGNATURE, 2026, KeyAlgorithm.EC_P384, RANDOM));
    private static final TrustAnchors ANCHORS = TrustAnchors.of("sim", CAS.stream().map(SimCa::certificate).toList());

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
    private final SimRegistry registry = new SimRegistry(new SimCas(CAS), clock, RANDOM, KeySource.random(RANDOM),
            new MemoryStore());
    private TestRedis redisServer;
    private Vertx vertx;
    private Redis redis;
    private SimHttpServer simulator;

    @BeforeEach
    void start() throws Exception {
        redisServer = TestRedis.start();
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        redis = redisServer.client(vertx);
        simulator = await(SimHttpServer.start(vertx, SimPublisherSources.of(registry, clock), "127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            await(vertx.close());
        } finally {
            redisServer.close();
        }
    }

    private String simulatorUrl() {
        return "http://127.0.0.1:" + simulator.port();
    }

    private PairwiseSubjects subjects(String linkageUrl) {
        return new PairwiseSubjects(SECRET, OpenIdProviderRoutes.linkedPersonKeys(vertx, redis, linkageUrl, ANCHORS));
    }

    private Device issueCard(String given) {
        return registry.life().issue(new CardRequest("山田", given, LocalDate.of(1990, 1, 2), Gender.MALE,
                "東京都新宿区西新宿2-8-1", Municipality.parse("Tokyo/Shinjuku-ku"), "1234", "ABC123", KeyAlgorithm.EC_P384));
    }

    /** The trust anchor of a simulator CA generation: the same certificate, another name. */
    private static String anchorOf(String caId) {
        SimCa ca = CAS.stream().filter(c -> c.id().equals(caId)).findFirst().orElseThrow();
        return ANCHORS.all().stream().filter(a -> a.certificate().equals(ca.certificate())).findFirst().orElseThrow().id();
    }

    private static SignerIdentity signer(CertId id) {
        return new SignerIdentity(JpkiCertificateType.AUTH_CARD, id.serial(), anchorOf(id.caId()), Instant.EPOCH, Optional.empty());
    }

    private static String sub(PairwiseSubjects subjects, String sector, CertId id) throws Exception {
        return await(subjects.subject(sector, signer(id)));
    }

    @Test
    void aRenewedCardKeepsItsSubjectPerSectorAcrossCaGenerations() throws Exception {
        PairwiseSubjects subjects = subjects(simulatorUrl());
        Device taro = issueCard("太郎");
        Device hanako = issueCard("花子");
        CertId old = taro.authentication();
        String bank = sub(subjects, "bank.example", old);

        clock.set(Instant.parse("2026-03-01T00:00:00Z"));
        registry.life().renew(taro.id());
        CertId renewed = registry.device(taro.id()).authentication();
        assertThat(renewed.caId()).isEqualTo("auth-2026").isNotEqualTo(old.caId());
        assertThat(anchorOf(renewed.caId())).isNotEqualTo("auth-2026");
        assertThat(sub(subjects, "bank.example", renewed)).isEqualTo(bank);
        registry.life().renew(taro.id());
        assertThat(sub(subjects, "bank.example", registry.device(taro.id()).authentication())).isEqualTo(bank);

        assertThat(sub(subjects, "carrier.example", renewed)).isNotEqualTo(bank);
        assertThat(sub(subjects, "bank.example", hanako.authentication())).isNotEqualTo(bank);
        assertThat(sub(subjects(simulatorUrl()), "bank.example", renewed)).as("another replica, same Redis").isEqualTo(bank);
    }

    @Test
    void theCardsSignatureCertificateAndThePhonesCertificatesGiveThePersonsOneSubject() throws Exception {
        PairwiseSubjects subjects = subjects(simulatorUrl());
        Device taro = issueCard("太郎");
        String bank = sub(subjects, "bank.example", taro.authentication());
        assertThat(sub(subjects, "bank.example", taro.signature())).isEqualTo(bank);
        registry.life().move(taro.personId(), Municipality.parse("Osaka/Kita-ku"), "大阪府大阪市北区1-1");
        assertThat(sub(subjects, "bank.example", registry.device(taro.id()).signature())).isEqualTo(bank);
        Device phone = registry.life().issuePhone(taro.id(), TokenName.ANDROID, "5678", "PHONE1");
        assertThat(sub(subjects, "bank.example", phone.authentication())).isEqualTo(bank);
        assertThat(sub(subjects, "bank.example", phone.signature())).isEqualTo(bank);
    }

    @Test
    void aRecordedCertificateNeedsNoLinkageAndAnUnknownOneIsItsOwnFirst() throws Exception {
        PairwiseSubjects subjects = subjects(simulatorUrl());
        Device taro = issueCard("太郎");
        CertId auth = taro.authentication();
        String bank = sub(subjects, "bank.example", auth);
        CertId neverIssued = new CertId(auth.caId(), auth.serial().add(BigInteger.valueOf(1000)));
        assertThat(sub(subjects, "bank.example", neverIssued))
                .isEqualTo(subjects.subject("bank.example", anchorOf(auth.caId()) + "/" + neverIssued.serial().toString(16)));

        await(simulator.close());
        assertThat(sub(subjects, "bank.example", auth)).isEqualTo(bank);
        assertThatThrownBy(() -> sub(subjects, "bank.example", issueCard("次郎").authentication()))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LinkageException.class);
    }

    @Test
    void aServiceThatCannotNameTheCaOrAnswersA404OfItsOwnFailsRatherThanGuess() throws Exception {
        JsonArray cas = await(WebClient.create(vertx).getAbs(simulatorUrl() + "/ca").send()).bodyAsJsonArray();
        cas.remove(cas.stream().filter(ca -> ((io.vertx.core.json.JsonObject) ca).getString("id").equals("auth-2021"))
                .findFirst().orElseThrow());
        Router router = Router.router(vertx);
        router.get("/ca").handler(ctx -> ctx.json(cas));
        router.get("/linkage/*").handler(ctx -> ctx.response().setStatusCode(404).end("{\"type\":\"urn:other:not-found\"}"));
        HttpServer wrong = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        RemoteCertificateLinkage linkage = new RemoteCertificateLinkage(WebClient.create(vertx),
                "http://127.0.0.1:" + wrong.actualPort() + "/", ANCHORS);
        Device taro = issueCard("太郎");
        clock.set(Instant.parse("2026-03-01T00:00:00Z"));
        Device jiro = issueCard("次郎");

        assertThatThrownBy(() -> await(linkage.links(certificate(taro.authentication()))))
                .hasCauseInstanceOf(LinkageException.class).hasMessageContaining("lists no CA");
        assertThatThrownBy(() -> await(linkage.links(certificate(jiro.authentication()))))
                .hasCauseInstanceOf(LinkageException.class).hasMessageContaining("404");
        assertThat(await(new RedisPersonKeyStore(redis).find(certificate(jiro.authentication())))).isEmpty();
        assertThatThrownBy(() -> await(new LinkedPersonKeys(linkage, new RedisPersonKeyStore(redis))
                .personKey(anchorOf(jiro.authentication().caId()), jiro.authentication().serial())))
                .hasCauseInstanceOf(LinkageException.class);
    }

    private static CertificateId certificate(CertId id) {
        return new CertificateId(anchorOf(id.caId()), id.serial());
    }
}
