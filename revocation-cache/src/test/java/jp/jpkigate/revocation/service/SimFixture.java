package jp.jpkigate.revocation.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.revocation.source.CrlSource;
import jp.jpkigate.revocation.source.SimulatorDiscovery;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.sim.serve.SimServer;
import jp.jpkigate.testing.MutableClock;

/**
 * A running simulator on port 0 over a temporary state directory, the test's handle on its state,
 * and a clock shared by the simulator and the cache. Changes: mutate {@link #state}, then {@link #publish()}.
 */
public final class SimFixture implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    public static final Municipality SHINJUKU = new Municipality("Tokyo", "Shinjuku-ku");
    public static final Municipality SAPPORO = new Municipality("Hokkaido", "Sapporo-shi");

    public final MutableClock clock;
    public final Vertx vertx;
    public final SimServer server;
    public final SimState state;

    public static SimFixture start(Vertx vertx, Path dir) throws Exception {
        MutableClock clock = new MutableClock(START);
        SimServer server = await(SimServer.start(vertx, dir, "127.0.0.1", 0, clock, Duration.ofHours(1)));
        SimState state = SimState.open(dir, clock, new SecureRandom());
        return new SimFixture(vertx, server, state, clock);
    }

    private SimFixture(Vertx vertx, SimServer server, SimState state, MutableClock clock) {
        this.vertx = vertx;
        this.server = server;
        this.state = state;
        this.clock = clock;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Saves the state and has the simulator re-read it. */
    public void publish() throws Exception {
        state.save();
        await(server.reloadNow());
    }

    public Device issueCard(String family) {
        return state.registry().life().issue(new CardRequest(family, "太郎", LocalDate.of(1980, 4, 1),
                FourInfo.Gender.MALE, "東京都新宿区西新宿二丁目８番１号", SHINJUKU, "1234", "PASSWORD1",
                KeyAlgorithm.RSA_2048));
    }

    public X509Certificate certificate(CertId id) {
        return state.store().certificate(id).orElseThrow();
    }

    /** The simulator's CA-wide sources (with delta CRLs) and OCSP issuers. */
    public SimulatorDiscovery.Discovered discover(Duration interval) throws Exception {
        var client = io.vertx.ext.web.client.WebClient.create(vertx);
        try {
            return await(SimulatorDiscovery.discover(client, baseUrl(), interval, List.of()));
        } finally {
            client.close();
        }
    }

    /** The CA-wide source of the CA generation that issued {@code id}. */
    public static CrlSource sourceOf(SimulatorDiscovery.Discovered found, CertId id) {
        return found.crlSources().stream().filter(s -> s.id().equals(id.caId())).findFirst().orElseThrow();
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        await(server.close());
    }
}
