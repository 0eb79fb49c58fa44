package jp.jpkigate.perf.revocation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.card.CardFile;
import jp.jpkigate.sim.crl.BulkCrlWriter;
import jp.jpkigate.sim.crl.CrlPublisher;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.sim.serve.SimServer;

/**
 * J-LIS as the load test's gateway sees it, in a process of its own: the simulator ({@link SimServer}
 * over the fixtures' state directory: CAs, OCSP, the renewal linkage, the consent registry and the
 * 4-information API) on one loopback port, and in front of it, on another, the CRL publisher the
 * revocation cache downloads from, whose CA-wide full CRL of the cards' authentication CA is a
 * synthetic bulk CRL of {@code entries} revoked serials ({@link BulkCrlWriter}, signed with that CA's
 * key; serials from a random 40-bit start, so the cards' own, numbered from 10,000,001, stay good).
 * Its delta CRL is always "not modified"; every other path is passed to the simulator.
 *
 * <p>The bulk CRL is written to {@code <stateDir>/../bulk-<ca>-<entries>.crl} and reused while it is
 * less than 6 hours old (its nextUpdate is a day after it was written).
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar jp.jpkigate.perf.revocation.BulkCrlPublisher &lt;stateDir&gt; &lt;simPort&gt; &lt;publisherPort&gt; &lt;entries&gt;
 * </pre>
 * Prints {@code ready <simulator URL> <publisher URL>} once both listen; SIGTERM ends it.
 */
public final class BulkCrlPublisher {
    private static final Duration REUSE = Duration.ofHours(6);

    private BulkCrlPublisher() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            // Vert.x's threads would keep the JVM (and the runner waiting for "ready") alive: a port taken, say.
            System.err.println("the CRL publisher cannot start: " + e);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: BulkCrlPublisher <stateDir> <simPort> <publisherPort> <entries>");
            System.exit(2);
        }
        Path stateDir = Path.of(args[0]);
        int simPort = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        long entries = Long.parseLong(args[3]);
        Clock clock = Clock.systemUTC();

        SimCa ca = cardsAuthenticationCa(stateDir, clock);
        Path crl = stateDir.toAbsolutePath().getParent().resolve("bulk-" + ca.id() + "-" + entries + ".crl");
        if (!Files.exists(crl) || Files.getLastModifiedTime(crl).toInstant().isBefore(Instant.now().minus(REUSE))) {
            long t0 = System.nanoTime();
            // Written beside it and moved in place: a run stopped while writing never leaves a torn CRL to reuse.
            Path partial = crl.resolveSibling(crl.getFileName() + ".partial");
            BulkCrlWriter.Result written = BulkCrlWriter.write(new BulkCrlWriter.Spec(ca, entries, 1, clock.instant(),
                    CrlPublisher.DEFAULT_VALIDITY, BigInteger.valueOf(clock.instant().getEpochSecond())), partial);
            Files.move(partial, crl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("wrote the bulk CRL of %s: %,d entries, %,d bytes in %.1f s%n", ca.id(), written.entries(),
                    written.bytes(), (System.nanoTime() - t0) / 1e9);
        }

        Vertx vertx = Vertx.vertx();
        SimServer sim = SimServer.start(vertx, stateDir, "127.0.0.1", simPort, clock, SimServer.DEFAULT_RELOAD).await();
        HttpClient client = vertx.createHttpClient();
        Router router = Router.router(vertx);
        String root = "/crl/" + ca.id();
        router.get(root + "/full.crl").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/pkix-crl")
                .putHeader("ETag", "\"" + crl.getFileName() + "\"")
                .sendFile(crl.toString()));
        router.get(root + "/delta.crl").handler(ctx -> ctx.response().setStatusCode(304).end());
        router.route().handler(BodyHandler.create(false)).handler(ctx -> proxy(client, sim.port(), ctx));
        int listening = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").await().actualPort();
        System.out.printf("ready http://127.0.0.1:%d http://127.0.0.1:%d (bulk CRL of %s: %s)%n", sim.port(), listening,
                ca.id(), crl);

        // Vert.x's threads keep the process alive; SIGTERM ends it (a test stand-in has nothing to drain).
    }

    /** The CA generation that issued the first fixture card's authentication certificate. */
    static SimCa cardsAuthenticationCa(Path stateDir, Clock clock) throws IOException {
        Path first;
        try (Stream<Path> cards = Files.list(stateDir.resolve("cards"))) {
            first = cards.filter(f -> f.getFileName().toString().endsWith(".card.json")).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no cards in " + stateDir + ": run LoginFixtures first"));
        }
        X509Certificate issuer = new CardClient(CardFile.open(first)).readCaCertificate(CaKind.AUTHENTICATION);
        return SimState.open(stateDir, clock, new SecureRandom()).cas().all().stream()
                .filter(ca -> ca.certificate().equals(issuer)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the cards' CA is not in " + stateDir));
    }

    /** The request as it came (its body read by the route's body handler), to the simulator, and its answer back. */
    private static void proxy(HttpClient client, int simPort, RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        client.request(new RequestOptions().setMethod(in.method()).setHost("127.0.0.1").setPort(simPort).setURI(in.uri())
                        .setHeaders(in.headers()))
                .compose(out -> ctx.body().buffer() == null ? out.send() : out.send(ctx.body().buffer()))
                .compose(answer -> {
                    ctx.response().setStatusCode(answer.statusCode()).headers().setAll(answer.headers());
                    return answer.pipeTo(ctx.response());
                })
                .recover(failure -> ctx.response().ended() ? Future.succeededFuture()
                        : ctx.response().setStatusCode(502).end(failure.toString()));
    }
}
