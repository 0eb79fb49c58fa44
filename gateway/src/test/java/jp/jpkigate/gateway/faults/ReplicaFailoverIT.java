package jp.jpkigate.gateway.faults;

import static jp.jpkigate.gateway.consent.ConsentBatches.assertStored;
import static jp.jpkigate.gateway.consent.ConsentBatches.customers;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jp.jpkigate.feed.receiver.EventInbox;
import jp.jpkigate.feed.receiver.InMemoryReplayGuard;
import jp.jpkigate.feed.receiver.ReceivedSet;
import jp.jpkigate.feed.receiver.ReferenceReceiver;
import jp.jpkigate.feed.receiver.RemoteOpKeys;
import jp.jpkigate.feed.receiver.SetVerifier;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.clients.CardSignerHook;
import jp.jpkigate.gateway.clients.NimbusRp;
import jp.jpkigate.gateway.clients.RunningGateway;
import jp.jpkigate.gateway.consent.AofRedis;
import jp.jpkigate.gateway.consent.BankApi;
import jp.jpkigate.gateway.consent.ConsentBatches;
import jp.jpkigate.gateway.consent.ConsentPerson;
import jp.jpkigate.gateway.consent.GatewayProcess;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.revocation.store.redis.RedisKeys;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.sim.serve.SimServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway replicas (the packaged jar, two processes) behind a load balancer, one redis-server with
 * AOF and {@code appendfsync always}, the J-LIS simulator on its own (CRLs, OCSP, consent registry,
 * 4-information provision), a bank with a push feed to the reference receiver, and three people
 * logging in again and again. Replica A started first and holds the leases (CRL ingest, feed detection,
 * push); it is killed with SIGKILL while the people log in, while the bank's batch of 5,000 invitations
 * is half written, and while the event of a consenting person's move waits in the outbox (the bank's
 * receiver is down from just before that move until after the kill). Then:
 * <ul>
 *   <li>logins cut by the kill failed (a broken connection) and each person's next try, which the
 *       balancer sends to B, completes; a refresh token A issued works at B;</li>
 *   <li>every acknowledged invitation and consent is in Redis; the cut batch sent again answers each
 *       customer once; the audit chain verifies;</li>
 *   <li>B takes over the CRL-ingest lease and keeps the revocation cache current: a card lost after the
 *       kill is answered {@code revoked} by the check API;</li>
 *   <li>B takes over the push: the receiver, back, gets one event per move — before the kill, waiting in
 *       the outbox at the kill, after it — none twice with other content (a second {@code jti}), none
 *       missing.</li>
 * </ul>
 */
class ReplicaFailoverIT {
    private static final int PEOPLE_LOGGING_IN = 3;
    private static final int FEED_PEOPLE = 3;
    private static final int BATCH = 5_000;
    private static final String NEW_HOME = "大阪府大阪市北区中之島一丁目３番２０号";
    private static final String CHECKER = "checker";
    private static final String CHECKER_SECRET = "s3cret-of-the-checker";
    private static final Duration TAKE_OVER = Duration.ofSeconds(120);

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void killingTheReplicaThatHoldsTheLeasesLosesNothingAndTheOtherTakesOver() throws Exception {
        Path data = workDir.resolve("data");
        Path simDir = data.resolve("sim");
        SimState state = SimState.init(simDir, Clock.systemUTC(), new SecureRandom(), false);
        List<String> loginCards = IntStream.range(0, PEOPLE_LOGGING_IN).mapToObj(i -> RunningGateway.issueCard(state)).toList();
        List<Device> feedPeople = IntStream.range(0, FEED_PEOPLE)
                .mapToObj(i -> state.registry().device(RunningGateway.issueCard(state))).toList();
        Device lostLater = state.registry().device(RunningGateway.issueCard(state));
        X509Certificate lostCertificate = state.store().certificate(lostLater.authentication()).orElseThrow();
        ECKey clientKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        ECKey bankKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        ECKey feedKey = new ECKeyGenerator(Curve.P_256).keyID("feed-enc").keyUse(KeyUse.ENCRYPTION).generate();
        int portA = RunningGateway.freePort();
        int portB = RunningGateway.freePort();
        int metricsPortB = RunningGateway.freePort();

        Vertx vertx = TestVertx.create();
        List<CardSignerHook> cards = new ArrayList<>();
        try (TcpBalancer balancer = TcpBalancer.start(RunningGateway.freePort(), List.of(portA, portB));
             AofRedis redis = AofRedis.start(workDir.resolve("redis"), RunningGateway.freePort())) {
            String issuer = balancer.url();
            SimServer sim = TestVertx.await(SimServer.start(vertx, simDir, "127.0.0.1", 0, Clock.systemUTC(),
                    SimServer.DEFAULT_RELOAD));
            String simUrl = "http://127.0.0.1:" + sim.port();
            WebClient web = WebClient.create(vertx);
            EventInbox inbox = new EventInbox(new SetVerifier(issuer, RunningGateway.BANK_ID, new JWKSet(feedKey),
                    new InMemoryReplayGuard(1000, Duration.ofDays(7), Clock.systemUTC()), Clock.systemUTC(), Duration.ofMinutes(1),
                    Duration.ofDays(7)), new RemoteOpKeys(web, URI.create(issuer + "/jwks"), Clock.systemUTC(),
                    Duration.ofMinutes(5), Duration.ofSeconds(1)), 1000);
            ReferenceReceiver receiver = new ReferenceReceiver(vertx, inbox);
            HttpServer receiving = TestVertx.await(receiver.listen(0));
            int receiverPort = receiving.actualPort();
            CardSignerHook signer = CardSignerHook.start(simDir);
            cards.add(signer);
            for (String card : loginCards) {
                CardSignerHook hook = CardSignerHook.start(simDir);
                hook.useCard(card);
                cards.add(hook);
            }
            Path clients = Files.writeString(workDir.resolve("clients.json"), new JsonArray()
                    .add(RunningGateway.clientRegistration(clientKey, signer))
                    .add(RunningGateway.bankRegistration(bankKey)
                            .put("feed_delivery_method", "urn:ietf:rfc:8935")
                            .put("feed_endpoint_url", "http://127.0.0.1:" + receiverPort + "/events")
                            .put("jwks", new JsonObject(new JWKSet(List.of(bankKey.toPublicJWK(), feedKey.toPublicJWK()))
                                    .toJSONObject()))).encode());
            Map<String, String> env = new HashMap<>(Map.of("REDIS_URL", redis.url(), "JPKI_GATE_DATA_DIR", data.toString(),
                    "JPKI_GATE_OIDC_CLIENTS_FILE", clients.toString(), "JPKI_GATE_SIM_ENABLED", "false",
                    "JPKI_GATE_JLIS_URL", simUrl, "JPKI_GATE_REVOCATION_URL", simUrl, "JPKI_GATE_OIDC_LINKAGE_URL", simUrl,
                    "JPKI_GATE_PUBLIC_URL", issuer, "JPKI_GATE_REVOCATION_REFRESH_SECONDS", "1",
                    "JPKI_GATE_HTTP_INSTANCES", "2"));
            env.put("JPKI_GATE_REVOCATION_CLIENTS", CHECKER + "=" + sha256Hex(CHECKER_SECRET));
            Instant started = Instant.now();
            try (GatewayProcess a = replica(env, "replica-a", portA, RunningGateway.freePort());
                 GatewayProcess b = replica(env, "replica-b", portB, metricsPortB)) {
                report("two replicas ready: %d ms", Duration.between(started, Instant.now()).toMillis());
                assertThat(leaseHolder(redis.url())).as("A started first: it ingests CRLs").startsWith("replica-a/");

                BankApi bank = BankApi.connect(issuer, RunningGateway.BANK_ID, bankKey);
                List<String> feedCustomers = customers("F", FEED_PEOPLE);
                List<JsonObject> feedInvitations = bank.invite(feedCustomers);
                for (int i = 0; i < FEED_PEOPLE; i++) {
                    signer.useCard(feedPeople.get(i).id());
                    assertThat(new ConsentPerson(signer).consent(feedInvitations.get(i).getString("url"))).isEqualTo("signed");
                }
                for (String customer : feedCustomers) {
                    await("J-LIS to record the consent of " + customer, Duration.ofSeconds(60),
                            () -> bank.consentOf(customer).getString("status").equals("active"));
                }
                move(signer, feedPeople.get(0));
                await("the first move to reach the receiver", Duration.ofSeconds(60), () -> inbox.events().size() == 1);

                List<String> first = customers("A", 1_000);
                List<JsonObject> acknowledged = bank.invite(first);
                OIDCTokens issuedByA;
                int cutBatchWritten;
                Instant killed;
                try (LoginLoad load = LoginLoad.start(issuer, signer.redirectUri(), clientKey, cards.subList(1, cards.size()),
                        Duration.ofSeconds(180))) {
                    await("logins to complete before the kill", Duration.ofSeconds(60),
                            () -> load.attempts().stream().filter(LoginLoad.Attempt::succeeded).count() >= PEOPLE_LOGGING_IN);
                    issuedByA = load.attempts().stream().filter(LoginLoad.Attempt::succeeded).findFirst().orElseThrow().tokens();
                    TestVertx.await(receiving.close()); // the bank's receiver is down until after the kill
                    move(signer, feedPeople.get(1));
                    await("the second move's event to wait in the outbox", Duration.ofSeconds(60),
                            () -> outboxDepth(metricsPortB) == 1);
                    List<String> cut = customers("B", BATCH);
                    cutBatchWritten = ConsentBatches.killDuringBatch(a::kill9, bank, redis.url(), cut);
                    killed = Instant.now();
                    move(signer, feedPeople.get(2));
                    signer.jpkiSim("lose", "--card", lostLater.id());
                    receiving = TestVertx.await(receiver.listen(receiverPort));
                    List<LoginLoad.Attempt> attempts = load.stop(Duration.ofSeconds(120));
                    assertLogins(attempts, killed);
                    List<JsonObject> again = bank.invite(cut);
                    assertThat(again).filteredOn(line -> line.getString("status").equals("existing")).hasSize(cutBatchWritten);
                    assertThat(again).filteredOn(line -> line.getString("status").equals("created")).hasSize(BATCH - cutBatchWritten);
                    assertStored(redis.url(), cut, again);
                }
                report("the batch cut by the kill had %d of %d invitations written", cutBatchWritten, BATCH);
                assertStored(redis.url(), first, acknowledged);
                for (String customer : feedCustomers) {
                    assertThat(bank.consentOf(customer).getString("status")).isEqualTo("active");
                }
                NimbusRp rp = new NimbusRp(issuer, signer.redirectUri(), clientKey);
                OIDCTokens refreshed = rp.refresh(issuedByA.getRefreshToken());
                assertThat(rp.validateIdToken(refreshed, null).getString("sub")).isEqualTo(
                        rp.validateIdToken(issuedByA, null).getString("sub"));

                await("B to answer revoked for the card lost after the kill", TAKE_OVER,
                        () -> check(issuer, lostCertificate).getString("status").equals("revoked"));
                report("revoked answered by B %d ms after the kill", Duration.between(killed, Instant.now()).toMillis());
                assertThat(leaseHolder(redis.url())).as("B ingests CRLs now").startsWith("replica-b/");
                await("the moves during and after the kill to reach the receiver", TAKE_OVER,
                        () -> inbox.events().size() >= FEED_PEOPLE);
                report("every move delivered %d ms after the kill", Duration.between(killed, Instant.now()).toMillis());
                assertOneEventPerMove(inbox.events(), feedInvitations);
                report("%s", ConsentBatches.assertAuditChainIntact(workDir, redis.url()));
            }
        } finally {
            cards.forEach(CardSignerHook::close);
            TestVertx.await(vertx.close());
        }
    }

    private GatewayProcess replica(Map<String, String> env, String name, int port, int metricsPort) throws Exception {
        Map<String, String> own = new HashMap<>(env);
        own.put("HOSTNAME", name);
        own.put("JPKI_GATE_METRICS_PORT", Integer.toString(metricsPort));
        Path dir = Files.createDirectories(workDir.resolve(name));
        return GatewayProcess.start(dir, port, own);
    }

    /** The person moves (J-LIS reissues the signature certificate, revoking the old one: a CRL entry). */
    private static void move(CardSignerHook cli, Device person) {
        cli.jpkiSim("move", "--person", person.personId(), "--municipality", "Osaka/Kita-ku", "--address", NEW_HOME);
    }

    /**
     * Logins ended by the kill failed as a broken connection does (never a server error or a wrong
     * answer), only around the kill; every person completed a login after it (their next try).
     */
    private static void assertLogins(List<LoginLoad.Attempt> attempts, Instant killed) {
        List<LoginLoad.Attempt> failed = attempts.stream().filter(attempt -> !attempt.succeeded()).toList();
        report("%d logins, %d cut by the kill: %s", attempts.size(), failed.size(),
                failed.stream().map(attempt -> attempt.failure().getClass().getSimpleName() + ": "
                        + String.valueOf(attempt.failure().getMessage()).lines().findFirst().orElse("")).toList());
        assertThat(failed).allSatisfy(attempt -> {
            assertThat(attempt.ended()).isAfter(killed.minusSeconds(10)).isBefore(killed.plusSeconds(30));
            assertThat(String.valueOf(attempt.failure().getMessage())).doesNotContain("server_error");
        });
        for (int person = 0; person < PEOPLE_LOGGING_IN; person++) {
            int who = person;
            assertThat(attempts).as("person %d logged in after the kill", person)
                    .anySatisfy(attempt -> {
                        assertThat(attempt.person()).isEqualTo(who);
                        assertThat(attempt.succeeded()).isTrue();
                        assertThat(attempt.ended()).isAfter(killed);
                    });
        }
    }

    /** One {@code four-information-changed} per consenting person who moved, with the new address; no other SET. */
    private static void assertOneEventPerMove(List<ReceivedSet> events, List<JsonObject> invitations) {
        assertThat(events).extracting(ReceivedSet::jti).doesNotHaveDuplicates();
        assertThat(events).hasSize(invitations.size());
        List<String> customers = new ArrayList<>();
        for (ReceivedSet event : events) {
            JsonObject payload = new JsonObject(event.event().payload());
            assertThat(event.event().type()).endsWith("/four-information-changed");
            assertThat(payload.getJsonArray("changed").getList()).containsExactly("address");
            assertThat(payload.getJsonObject("values").getString("address")).isEqualTo(NEW_HOME);
            customers.add(payload.getString("customer_number"));
        }
        assertThat(customers).containsExactlyInAnyOrderElementsOf(invitations.stream()
                .map(line -> line.getString("customer_number")).toList());
    }

    /**
     * {@code jpkigate_feed_outbox_depth} of the bank in {@code GET /feed/metrics} on a replica's metrics listener:
     * events not yet delivered (read from Redis, so every replica reports the same).
     */
    private int outboxDepth(int metricsPort) throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/feed/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
        String line = "jpkigate_feed_outbox_depth{client=\"" + RunningGateway.BANK_ID + "\"} ";
        return metrics.body().lines().filter(l -> l.startsWith(line)).findFirst()
                .map(l -> (int) Double.parseDouble(l.substring(line.length()).trim())).orElse(0);
    }

    /** The validity check API of the replicas behind the balancer: the one result. */
    private JsonObject check(String issuer, X509Certificate certificate) throws Exception {
        String basic = Base64.getEncoder().encodeToString((CHECKER + ":" + CHECKER_SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(issuer + "/revocation/v1/check"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("certificate", Base64.getEncoder().encodeToString(certificate.getEncoded())).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new JsonObject(answer.body()).getJsonArray("results").getJsonObject(0);
    }

    /** Who holds the CRL-ingest lease now ({@code "<expiry> <holder>"} in Redis), or "" when nobody. */
    private static String leaseHolder(String redisUrl) throws Exception {
        Vertx vertx = TestVertx.create();
        Redis redis = Redis.createClient(vertx, redisUrl);
        try {
            Response value = TestVertx.await(redis.send(Request.cmd(Command.GET).arg(RedisKeys.DEFAULT.lease("crl-ingest"))));
            return Optional.ofNullable(value).map(v -> v.toString().substring(v.toString().indexOf(' ') + 1)).orElse("");
        } finally {
            redis.close();
            TestVertx.await(vertx.close());
        }
    }

    /** Polls {@code done} until true; fails after {@code within}. */
    private static void await(String what, Duration within, Callable<Boolean> done) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!done.call()) {
            assertThat(Instant.now()).as("waited for " + what).isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static String sha256Hex(String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static void report(String format, Object... args) {
        System.out.printf("ReplicaFailoverIT: " + format + "%n", args);
    }
}
