package jp.jpkigate.revocation.service;

import static jp.jpkigate.revocation.service.SimFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.jpkigate.revocation.cache.IssuerKeys;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.source.CrlSource;
import jp.jpkigate.revocation.source.IngestReport;
import jp.jpkigate.revocation.source.SimulatorDiscovery;
import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.registry.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRL ingest from a running simulator: full, delta, conditional GET, holds and their release. */
class SimIngestTest {
    static final Duration INTERVAL = Duration.ofHours(6);
    static Vertx vertx;
    static SimFixture sim;
    static SimulatorDiscovery.Discovered found;
    RevocationRuntime runtime;
    final List<RevocationChange> changes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSimulator(@TempDir Path dir) throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(
                java.util.concurrent.TimeUnit.MILLISECONDS));
        sim = SimFixture.start(vertx, dir);
        found = sim.discover(INTERVAL);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
        await(vertx.close());
    }

    @AfterEach
    void closeRuntime() throws Exception {
        if (runtime != null) {
            await(runtime.close());
        }
    }

    private RevocationRuntime runtime(List<CrlSource> sources) throws Exception {
        runtime = RevocationRuntime.create(vertx, sim.clock, sources, RevocationServiceOptions.defaults());
        runtime.cache().addListener(update -> changes.addAll(update.changes()));
        await(runtime.start());
        return runtime;
    }

    private CheckResult check(X509Certificate certificate) throws Exception {
        return await(runtime.service().check(certificate));
    }

    @Test
    void aMoveRevokesTheSignatureCertificateThroughADeltaCrl() throws Exception {
        Device card = sim.issueCard("転居");
        sim.publish();
        X509Certificate signature = sim.certificate(card.signature());
        runtime(found.crlSources());
        assertThat(runtime.scheduler().stats().full.sum()).isEqualTo(found.crlSources().size());
        assertThat(check(signature)).isInstanceOf(CheckResult.Good.class);

        sim.state.registry().life().move(card.personId(), SimFixture.SAPPORO, "北海道札幌市中央区北一条西二丁目");
        sim.publish();
        IngestReport report = await(runtime.scheduler().ingestNow(card.signature().caId()));

        assertThat(report.kind()).isEqualTo(IngestReport.Kind.DELTA);
        assertThat(runtime.scheduler().stats().delta.sum()).isEqualTo(1);
        CheckResult result = check(signature);
        assertThat(result).isInstanceOfSatisfying(CheckResult.Revoked.class, revoked -> {
            assertThat(revoked.reason()).isEqualTo(CrlReason.AFFILIATION_CHANGED);
            assertThat(revoked.source()).isEqualTo(CheckResult.Source.CRL);
        });
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.serial()).isEqualTo(signature.getSerialNumber());
            assertThat(change.kind()).isEqualTo(RevocationChange.Kind.REVOKED);
            assertThat(change.reason()).isEqualTo(CrlReason.AFFILIATION_CHANGED);
        });
        assertThat(runtime.metrics().indexHits.sum()).isEqualTo(2);
        IssuerKey issuer = IssuerKeys.issuerOf(signature).orElseThrow();
        assertThat(runtime.service().issuer(issuer)).hasValueSatisfying(info -> {
            assertThat(info.thisUpdate()).contains(sim.clock.instant());
            assertThat(info.entries()).isEqualTo(1);
            assertThat(info.version()).isPositive();
        });
    }

    @Test
    void anUnchangedCrlCostsA304AndNoParse() throws Exception {
        CrlSource withDelta = found.crlSources().get(0);
        CrlSource fullOnly = new CrlSource(withDelta.id() + "/full-only", withDelta.issuer(), withDelta.fullUrl(), null,
                Optional.of("full-only"), INTERVAL);
        runtime(List.of(withDelta, fullOnly));
        CrlSnapshot loaded = runtime.cache().current(withDelta.id()).orElseThrow();

        IngestReport sameNumber = await(runtime.scheduler().ingestNow(withDelta.id()));
        IngestReport deltaAgain = await(runtime.scheduler().ingestNow(withDelta.id()));
        IngestReport fullAgain = await(runtime.scheduler().ingestNow(fullOnly.id()));

        assertThat(sameNumber.kind()).isEqualTo(IngestReport.Kind.UNCHANGED);
        assertThat(deltaAgain.kind()).isEqualTo(IngestReport.Kind.NOT_MODIFIED);
        assertThat(fullAgain.kind()).isEqualTo(IngestReport.Kind.NOT_MODIFIED);
        assertThat(runtime.scheduler().stats().notModified.sum()).isEqualTo(2);
        assertThat(runtime.metrics().crlIngests.sum()).isEqualTo(2);
        assertThat(runtime.cache().current(withDelta.id())).containsSame(loaded);
    }

    @Test
    void aReleasedPhoneHoldIsGoodAgainAndReportedAsReleased() throws Exception {
        Device card = sim.issueCard("携帯");
        Device phone = sim.state.registry().life().issuePhone(card.id(), TokenName.ANDROID, "5678", "PHONEPASS1");
        sim.publish();
        X509Certificate auth = sim.certificate(phone.authentication());
        CrlSource source = SimFixture.sourceOf(found, phone.authentication());
        runtime(List.of(source));
        assertThat(check(auth)).isInstanceOf(CheckResult.Good.class);

        sim.state.registry().life().holdPhone(phone.id());
        sim.publish();
        await(runtime.scheduler().ingestNow(source.id()));
        assertThat(check(auth)).isInstanceOfSatisfying(CheckResult.Revoked.class,
                revoked -> assertThat(revoked.reason()).isEqualTo(CrlReason.CERTIFICATE_HOLD));

        sim.state.registry().life().releasePhone(phone.id());
        sim.publish();
        IngestReport release = await(runtime.scheduler().ingestNow(source.id()));

        assertThat(release.kind()).isEqualTo(IngestReport.Kind.DELTA);
        assertThat(check(auth)).isInstanceOf(CheckResult.Good.class);
        assertThat(changes).extracting(RevocationChange::kind)
                .containsExactly(RevocationChange.Kind.REVOKED, RevocationChange.Kind.RELEASED);
        assertThat(changes.get(1).serial()).isEqualTo(auth.getSerialNumber());
        assertThat(changes.get(1).reason()).isEqualTo(CrlReason.CERTIFICATE_HOLD);
    }

    @Test
    void anUnknownIssuerIsNotCoveredAndFailsClosed() throws Exception {
        runtime(List.of());
        Device card = sim.issueCard("未収録");
        sim.publish();

        CheckResult result = check(sim.certificate(card.signature()));

        assertThat(result).isInstanceOfSatisfying(CheckResult.Unknown.class,
                unknown -> assertThat(unknown.why()).contains("no CRL source").contains("no OCSP fallback"));
        assertThat(runtime.metrics().failClosed.sum()).isEqualTo(1);
    }
}
