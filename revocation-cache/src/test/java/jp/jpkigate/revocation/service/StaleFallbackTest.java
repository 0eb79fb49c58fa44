package jp.jpkigate.revocation.service;

import static jp.jpkigate.revocation.service.SimFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.ocsp.OcspIssuer;
import jp.jpkigate.revocation.source.CrlSource;
import jp.jpkigate.revocation.source.IngestReport;
import jp.jpkigate.revocation.source.SimulatorDiscovery;
import jp.jpkigate.sim.registry.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stale CRL data: OCSP fallback and its cache, fail closed without it, forged answers, forged CRLs. */
class StaleFallbackTest {
    /** Past the simulator's nextUpdate (thisUpdate + 24 h) plus the default grace (1 h). */
    static final Duration PAST_GRACE = Duration.ofHours(26);
    static Vertx vertx;
    static SimFixture sim;
    static SimulatorDiscovery.Discovered found;
    RevocationRuntime runtime;
    Device card;
    X509Certificate signature;
    CrlSource source;

    @BeforeAll
    static void startSimulator(@TempDir Path dir) throws Exception {
        vertx = Vertx.vertx();
        sim = SimFixture.start(vertx, dir);
        found = sim.discover(Duration.ofHours(6));
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
        await(vertx.close());
    }

    @BeforeEach
    void issue() throws Exception {
        card = sim.issueCard("期限");
        sim.publish();
        signature = sim.certificate(card.signature());
        source = SimFixture.sourceOf(found, card.signature());
    }

    @AfterEach
    void closeRuntime() throws Exception {
        if (runtime != null) {
            await(runtime.close());
        }
    }

    private void start(List<CrlSource> sources, RevocationServiceOptions options) throws Exception {
        runtime = RevocationRuntime.create(vertx, sim.clock, sources, options);
        await(runtime.start());
    }

    private OcspIssuer simOcsp() {
        return new OcspIssuer(source.issuer(), sim.baseUrl() + "/ocsp");
    }

    private CheckResult check(RevocationService service) throws Exception {
        return await(service.check(signature));
    }

    @Test
    void staleDataFallsBackToOcspWhoseAnswerIsCachedUntilItsNextUpdate() throws Exception {
        start(List.of(source), RevocationServiceOptions.defaults().withOcspIssuers(List.of(simOcsp())));
        assertThat(check(runtime.service())).isInstanceOfSatisfying(CheckResult.Good.class,
                good -> assertThat(good.source()).isEqualTo(CheckResult.Source.CRL));

        sim.clock.advance(PAST_GRACE);
        CheckResult first = check(runtime.service());
        CheckResult second = check(runtime.service());

        assertThat(first).isInstanceOfSatisfying(CheckResult.Good.class, good -> {
            assertThat(good.source()).isEqualTo(CheckResult.Source.OCSP);
            assertThat(good.asOf()).isEqualTo(sim.clock.instant());
        });
        assertThat(second).isEqualTo(first);
        assertThat(runtime.metrics().ocspFallbacks.sum()).isEqualTo(1);
        assertThat(runtime.metrics().ocspCacheHits.sum()).isEqualTo(1);

        sim.clock.advance(Duration.ofMinutes(16));
        assertThat(check(runtime.service())).isInstanceOf(CheckResult.Good.class);
        assertThat(runtime.metrics().ocspFallbacks.sum()).isEqualTo(2);
        assertThat(runtime.metrics().failClosed.sum()).isZero();
    }

    @Test
    void staleDataWithoutAnOcspAnswerFailsClosedUnlessTheUseAcceptsStaleData() throws Exception {
        String unreachable = "http://127.0.0.1:" + closedPort() + "/ocsp";
        start(List.of(source), RevocationServiceOptions.defaults()
                .withOcspIssuers(List.of(new OcspIssuer(source.issuer(), unreachable)))
                .withStaleCrlAcceptedFor(Set.of("balance-inquiry")));
        sim.clock.advance(PAST_GRACE);

        CheckResult plain = check(runtime.service());
        CheckResult login = check(runtime.service().forUse("login"));
        CheckResult tolerant = check(runtime.service().forUse("balance-inquiry"));

        assertThat(plain).isInstanceOfSatisfying(CheckResult.Unknown.class,
                unknown -> assertThat(unknown.why()).contains("stale").contains("TRANSPORT"));
        assertThat(login).isInstanceOf(CheckResult.Unknown.class);
        assertThat(tolerant).isInstanceOfSatisfying(CheckResult.Good.class, good -> {
            assertThat(good.source()).isEqualTo(CheckResult.Source.CRL);
            assertThat(good.asOf()).isBefore(sim.clock.instant().minus(Duration.ofHours(25)));
        });
        assertThat(runtime.metrics().failClosed.sum()).isEqualTo(2);
    }

    @Test
    void anOcspAnswerSignedByAnotherKeyIsRefused() throws Exception {
        HttpServer forger = await(ForgedOcspResponder.start(vertx, sim.clock));
        try {
            start(List.of(source), RevocationServiceOptions.defaults().withOcspIssuers(List.of(
                    new OcspIssuer(source.issuer(), "http://127.0.0.1:" + forger.actualPort() + "/ocsp"))));
            sim.clock.advance(PAST_GRACE);

            CheckResult result = check(runtime.service());

            assertThat(result).isInstanceOfSatisfying(CheckResult.Unknown.class,
                    unknown -> assertThat(unknown.why()).contains("UNAUTHORIZED_SIGNER"));
            assertThat(runtime.metrics().ocspFallbacks.sum()).isEqualTo(1);
        } finally {
            await(forger.close());
        }
    }

    @Test
    void aCrlSignedByAnotherKeyIsRefusedAndTheDataHeldStays() throws Exception {
        AtomicReference<Buffer> served = new AtomicReference<>(fetch(source.fullUrl()));
        Router router = Router.router(vertx);
        router.get("/relay.crl").handler(ctx -> ctx.response().end(served.get()));
        HttpServer relay = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        try {
            CrlSource relayed = new CrlSource(source.id(), source.issuer(),
                    "http://127.0.0.1:" + relay.actualPort() + "/relay.crl", null, Optional.empty(), Duration.ofHours(6));
            start(List.of(relayed), RevocationServiceOptions.defaults());
            CrlSnapshot held = runtime.cache().current(source.id()).orElseThrow();
            CrlSource otherGeneration = found.crlSources().stream()
                    .filter(s -> s.id().startsWith("sign-") && !s.id().equals(source.id())).findFirst().orElseThrow();
            sim.clock.advance(Duration.ofMinutes(5));
            served.set(fetch(otherGeneration.fullUrl()));

            IngestReport report = await(runtime.scheduler().ingestNow(source.id()));

            assertThat(report.kind()).isEqualTo(IngestReport.Kind.FAILED);
            assertThat(report.detail()).contains("BAD_SIGNATURE");
            assertThat(runtime.metrics().crlFailures.sum()).isEqualTo(1);
            assertThat(runtime.cache().current(source.id())).containsSame(held);
            assertThat(check(runtime.service())).isInstanceOf(CheckResult.Good.class);
        } finally {
            await(relay.close());
        }
    }

    private static Buffer fetch(String url) throws Exception {
        WebClient client = WebClient.create(vertx);
        try {
            return await(client.getAbs(url).send()).body();
        } finally {
            client.close();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
