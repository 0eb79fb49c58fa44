package jp.jpkigate.revocation.service;

import static jp.jpkigate.revocation.service.SimFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jp.jpkigate.revocation.ocsp.OcspIssuer;
import jp.jpkigate.revocation.source.CrlSource;
import jp.jpkigate.revocation.source.SimulatorDiscovery;
import jp.jpkigate.sim.registry.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRL and OCSP publisher goes away (connection refused, its port closed) while the cache runs on
 * its own schedule (real timers, a short interval), and comes back on the same port a day later: while
 * the data held is within nextUpdate plus the grace the cache answers from it; past that it fails closed
 * with a clear reason (never {@code good}); once the publisher answers again the next scheduled ingest
 * makes it answer {@code good} from the CRL by itself, with no call from outside. The simulator's clock
 * is the cache's: only the test moves it; real time passes only for the schedule's timers.
 */
class SourceOutageTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Vertx vertx;
    private SimFixture sim;
    private WebClient web;
    private HttpServer publisher;
    private int port;
    private RevocationRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        sim = SimFixture.start(vertx, dir);
        web = WebClient.create(vertx);
        publisher = await(relay().listen(0, "127.0.0.1"));
        port = publisher.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            await(runtime.close());
        }
        web.close();
        if (publisher != null) {
            await(publisher.close());
        }
        sim.close();
        await(vertx.close());
    }

    @Test
    void pastTheGraceItFailsClosedAndWhenThePublisherIsBackItRecoversByItself() throws Exception {
        Device card = sim.issueCard("停電");
        sim.publish();
        X509Certificate signature = sim.certificate(card.signature());
        SimulatorDiscovery.Discovered found = sim.discover(Duration.ofHours(6));
        CrlSource direct = SimFixture.sourceOf(found, card.signature());
        String base = "http://127.0.0.1:" + port;
        CrlSource relayed = new CrlSource(direct.id(), direct.issuer(), base + "/crl/" + direct.id() + "/full.crl", null,
                Optional.empty(), INTERVAL);
        runtime = RevocationRuntime.create(vertx, sim.clock, List.of(relayed), RevocationServiceOptions.defaults()
                .withOcspIssuers(List.of(new OcspIssuer(direct.issuer(), base + "/ocsp"))));
        await(runtime.start());
        assertThat(check(signature)).isInstanceOfSatisfying(CheckResult.Good.class,
                good -> assertThat(good.source()).isEqualTo(CheckResult.Source.CRL));

        await(publisher.close());
        publisher = null;
        long failuresBefore = runtime.metrics().crlFailures.sum();
        awaitMetric("the schedule to keep trying the publisher that is down",
                () -> runtime.metrics().crlFailures.sum() >= failuresBefore + 3);
        sim.clock.advance(Duration.ofHours(24)); // at nextUpdate, within the grace: the data held still counts
        assertThat(check(signature)).isInstanceOfSatisfying(CheckResult.Good.class,
                good -> assertThat(good.source()).isEqualTo(CheckResult.Source.CRL));

        sim.clock.advance(StaleFallbackTest.PAST_GRACE.minus(Duration.ofHours(24)));
        CheckResult stale = check(signature);
        assertThat(stale).isInstanceOfSatisfying(CheckResult.Unknown.class,
                unknown -> assertThat(unknown.why()).contains("stale").contains("TRANSPORT"));
        assertThat(runtime.metrics().failClosed.sum()).isEqualTo(1);

        Instant back = sim.clock.instant();
        publisher = await(relay().listen(port, "127.0.0.1"));
        CheckResult recovered = awaitCheck(signature, result -> result instanceof CheckResult.Good good
                && good.source() == CheckResult.Source.CRL);
        assertThat(((CheckResult.Good) recovered).asOf()).isAfterOrEqualTo(back);
        assertThat(runtime.metrics().crlIngests.sum()).isGreaterThanOrEqualTo(2);
    }

    /** The publisher as the cache meets it: the simulator's CRLs and OCSP, relayed, on a port the test can close. */
    private HttpServer relay() {
        Router router = Router.router(vertx);
        router.get("/crl/*").handler(ctx -> forward(ctx, web.getAbs(sim.baseUrl() + ctx.request().path()).send()));
        router.post("/ocsp").handler(BodyHandler.create()).handler(ctx -> forward(ctx,
                web.postAbs(sim.baseUrl() + "/ocsp").putHeader("Content-Type", "application/ocsp-request")
                        .sendBuffer(ctx.body().buffer())));
        return vertx.createHttpServer().requestHandler(router);
    }

    private static void forward(RoutingContext ctx, Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> answer) {
        answer.onSuccess(response -> {
            ctx.response().setStatusCode(response.statusCode());
            response.headers().forEach(header -> {
                if (!header.getKey().equalsIgnoreCase("Content-Length") && !header.getKey().equalsIgnoreCase("Transfer-Encoding")) {
                    ctx.response().putHeader(header.getKey(), header.getValue());
                }
            });
            ctx.response().end(response.body() == null ? io.vertx.core.buffer.Buffer.buffer() : response.body());
        }).onFailure(ctx::fail);
    }

    private CheckResult check(X509Certificate certificate) throws Exception {
        return await(runtime.service().check(certificate));
    }

    /** Asks again until {@code wanted} (the schedule's timers run meanwhile); fails after the deadline. */
    private CheckResult awaitCheck(X509Certificate certificate, Predicate<CheckResult> wanted) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        CheckResult result = check(certificate);
        while (!wanted.test(result)) {
            assertThat(Instant.now()).as("the cache to recover by itself, last answer: %s", result).isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(INTERVAL.toMillis());
            result = check(certificate);
        }
        return result;
    }

    private static void awaitMetric(String what, java.util.function.BooleanSupplier done) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(INTERVAL.toMillis());
        }
    }
}
