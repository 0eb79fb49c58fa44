package jp.jpkigate.idp.jpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.idp.jpki.JpkiCertificateType.Purpose;
import jp.jpkigate.revocation.service.RevocationRuntime;
import jp.jpkigate.revocation.service.RevocationServiceOptions;
import jp.jpkigate.revocation.source.SimulatorDiscovery;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.sim.serve.SimServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jp.jpkigate.testing.MutableClock;

/** The JPKI verifier over the real revocation cache, fed by a running simulator. */
class CacheRevocationCheckerTest {
    static final byte[] SIGNED = "consent document 42".getBytes();

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    Vertx vertx;
    SimServer server;
    SimState state;
    RevocationRuntime runtime;
    JpkiVerifier verifier;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        vertx = Vertx.vertx();
        server = await(SimServer.start(vertx, dir, "127.0.0.1", 0, clock, Duration.ofHours(1)));
        state = SimState.open(dir, clock, new SecureRandom());
        WebClient client = WebClient.create(vertx);
        SimulatorDiscovery.Discovered found = await(SimulatorDiscovery.discover(client,
                "http://127.0.0.1:" + server.port(), Duration.ofHours(6), List.of()));
        client.close();
        // CRLs only: no OCSP fallback, so stale data has no second source
        runtime = RevocationRuntime.create(vertx, clock, found.crlSources(), RevocationServiceOptions.defaults());
        await(runtime.start());
        TrustAnchors anchors = TrustAnchors.of("sim", state.cas().all().stream().map(SimCa::certificate).toList());
        verifier = new JpkiVerifier(anchors, new CacheRevocationChecker(runtime.service().forUse("login")), clock,
                JpkiVerifierOptions.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        await(runtime.close());
        await(server.close());
        await(vertx.close());
    }

    @Test
    void acceptsAGoodCertificateAndRefusesOneRevokedByAMove() throws Exception {
        Device stays = issue("在住");
        Device moves = issue("転居");
        VerificationRequest good = signatureRequest(stays);
        VerificationRequest moved = signatureRequest(moves);
        state.registry().life().move(moves.personId(), new Municipality("Hokkaido", "Sapporo-shi"), "北海道札幌市中央区");
        publish();
        await(runtime.scheduler().ingestNow());

        VerifiedCertificate verified = verifier.verify(good).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(verified.revocationDataAsOf()).isEqualTo(clock.instant());
        assertThat(failure(moved)).isEqualTo(JpkiError.CERTIFICATE_REVOKED);
    }

    @Test
    void staleDataWithoutOcspIsRevocationUnknown() throws Exception {
        VerificationRequest request = signatureRequest(issue("期限"));
        publish();
        await(runtime.scheduler().ingestNow());
        clock.advance(Duration.ofHours(26));

        assertThat(failure(request)).isEqualTo(JpkiError.REVOCATION_UNKNOWN);
    }

    private Device issue(String family) {
        return state.registry().life().issue(new CardRequest(family, "花子", LocalDate.of(1985, 7, 7),
                FourInfo.Gender.FEMALE, "東京都新宿区西新宿二丁目８番１号", new Municipality("Tokyo", "Shinjuku-ku"),
                "1234", "PASSWORD1", KeyAlgorithm.RSA_2048));
    }

    private VerificationRequest signatureRequest(Device card) throws Exception {
        X509Certificate certificate = state.store().certificate(card.signature()).orElseThrow();
        byte[] signature = new CardClient(state.store().loadCard(card.id())).sign(CaKind.SIGNATURE, "PASSWORD1", SIGNED);
        return new VerificationRequest(certificate.getEncoded(), signature, SIGNED, ExpectedType.anyDevice(Purpose.SIGNATURE));
    }

    private void publish() throws Exception {
        state.save();
        await(server.reloadNow());
    }

    private JpkiError failure(VerificationRequest request) {
        Throwable thrown = catchThrowable(() -> verifier.verify(request).toCompletableFuture().get(10, TimeUnit.SECONDS));
        return JpkiVerificationException.unwrap(thrown).orElseThrow(() -> new AssertionError("not a verification failure", thrown)).error();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
