package jp.jpkigate.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.feed.receiver.EventInbox;
import jp.jpkigate.feed.receiver.InMemoryReplayGuard;
import jp.jpkigate.feed.receiver.ReferenceReceiver;
import jp.jpkigate.feed.receiver.RemoteOpKeys;
import jp.jpkigate.feed.receiver.SetVerifier;
import jp.jpkigate.feed.set.EventTypes;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.clients.RunningGateway;
import jp.jpkigate.gateway.consent.BankApi;
import jp.jpkigate.gateway.consent.ConsentPerson;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.testing.TestRedisCluster;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's "done when", against the running dev gateway (embedded Redis, the simulator as J-LIS, the
 * revocation cache refreshing every second): four businesses registered in the clients file with the
 * feed — A pushed to a {@link ReferenceReceiver} (consents to name and address), B pushed (address
 * only), C pushed (never consents), D polling (address). The person consents to A, B and D through the
 * consent pages with the card; then {@code jpki-sim} life events, run as J-LIS would:
 * <ol>
 *   <li>a move: one verified event at A (address changed, its name and address) and at B (the address
 *       only), D polls and acknowledges its one, a second poll is empty, nothing at C;</li>
 *   <li>A's receiver down, a rename and a move: the gateway retries (seen in {@code /feed/metrics}),
 *       B gets the move only (it did not consent to the name); A's receiver back on the same port gets
 *       both, once each, in order;</li>
 *   <li>B's consent withdrawn on the dashboard: one withdrawal event at B, and nothing after another move;</li>
 *   <li>a DV protection measure: the next move gives A the address as withheld, without its value.</li>
 * </ol>
 * Every receiver decrypts, checks the signature against the OP's JWK Set, {@code iss}, {@code aud}
 * and replays ({@link SetVerifier}); {@code GET /events} lists only SETs it accepted. No sleeps: every
 * wait polls a state with a deadline.
 */
class FeedEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String CHANGED = EventTypes.FOUR_INFORMATION_CHANGED;
    private static final String WITHDRAWN = EventTypes.CONSENT_WITHDRAWN;
    private static final String NAME = RunningGateway.FAMILY_NAME + "\u3000" + RunningGateway.GIVEN_NAME;
    private static final String RENAMED = "佐藤\u3000" + RunningGateway.GIVEN_NAME;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RunningGateway current;

    @Test
    void lifeEventsReachTheConsentingBusinessesWithTheirItemsOnlyAfterOutagesAndNotAfterWithdrawal() throws Exception {
        lifeEvents(Map.of());
    }

    /** The same on a Redis Cluster of three masters: every key the feed, the consents and the OP use stays on its slot. */
    @Test
    void theSameOnARedisCluster() throws Exception {
        try (TestRedisCluster cluster = TestRedisCluster.start(3, 0)) {
            lifeEvents(Map.of("REDIS_URL", cluster.url()));
        }
    }

    private void lifeEvents(Map<String, String> redis) throws Exception {
        Business a = Business.push("feed-bank-a", "A-0001", List.of("name", "address"));
        Business b = Business.push("feed-bank-b", "B-0001", List.of("address"));
        Business c = Business.push("feed-bank-c", "C-0001", List.of("name", "address"));
        Business d = Business.poll("feed-bank-d", "D-0001", List.of("address"));
        JsonArray clients = new JsonArray().add(a.registration()).add(b.registration()).add(c.registration())
                .add(d.registration());
        Vertx vertx = TestVertx.create();
        Map<String, String> env = new java.util.HashMap<>(redis);
        env.put("JPKI_GATE_REVOCATION_REFRESH_SECONDS", "1");
        try (RunningGateway gateway = RunningGateway.start(clients, env)) {
            current = gateway;
            for (Business business : List.of(a, b, c, d)) {
                business.open(vertx, gateway.issuer());
            }
            ConsentPerson person = new ConsentPerson(gateway.signer());
            for (Business business : List.of(a, b, d)) {
                business.consent(person);
            }

            // 1. A move: A and B each get one event with their items, D polls its one, C nothing.
            Instant moved = Instant.now();
            move(gateway, "Osaka/Kita-ku", "大阪府大阪市北区梅田一丁目１番１号");
            JsonObject atA = only(eventsOf(a, 1));
            Duration toA = Duration.between(moved, Instant.now());
            JsonObject atB = only(eventsOf(b, 1));
            Duration toB = Duration.between(moved, Instant.now());
            assertChange(atA, a, List.of("address"), Map.of("name", NAME, "address", "大阪府大阪市北区梅田一丁目１番１号"));
            assertChange(atB, b, List.of("address"), Map.of("address", "大阪府大阪市北区梅田一丁目１番１号"));
            JsonObject polled = d.pollOne();
            assertChange(polled, d, List.of("address"), Map.of("address", "大阪府大阪市北区梅田一丁目１番１号"));
            assertThat(d.acknowledge(polled.getString("jti"))).as("the poll after the acknowledgement").isEmpty();
            assertThat(d.pollSets()).as("a further poll").isEmpty();
            assertThat(metric(gateway, "jpkigate_feed_outbox_depth", d)).as("D's acknowledged event is deleted").isZero();
            assertThat(eventsOf(c, 0)).isEmpty();
            System.out.printf("feed: move → verified event at A in %d ms, at B in %d ms%n", toA.toMillis(), toB.toMillis());

            // 2. A's receiver down: a rename and a move wait in the outbox, retried; back on the same port, both, in order.
            a.stop();
            gateway.signer().jpkiSim("rename", "--person", gateway.personId(), "--family", "佐藤", "--given",
                    RunningGateway.GIVEN_NAME);
            until("a retry of A's push", () -> metrics(gateway), text -> sample(text, "jpkigate_feed_retries_total", a) >= 1);
            move(gateway, "Kyoto/Sakyo-ku", "京都府京都市左京区吉田本町");
            JsonObject secondAtB = eventsOf(b, 2).get(1);
            assertChange(secondAtB, b, List.of("address"), Map.of("address", "京都府京都市左京区吉田本町"));
            until("the rename and the move in A's outbox", () -> metric(gateway, "jpkigate_feed_outbox_depth", a), n -> n == 2);
            Instant back = Instant.now();
            a.start();
            List<JsonObject> afterOutage = eventsOf(a, 3);
            System.out.printf("feed: A's receiver back → both events in %d ms%n", Duration.between(back, Instant.now()).toMillis());
            assertChange(afterOutage.get(1), a, List.of("name"), Map.of("name", RENAMED, "address", "大阪府大阪市北区梅田一丁目１番１号"));
            assertChange(afterOutage.get(2), a, List.of("address"), Map.of("name", RENAMED, "address", "京都府京都市左京区吉田本町"));
            assertThat(afterOutage).extracting(e -> e.getString("jti")).doesNotHaveDuplicates();

            // 3. B's consent withdrawn on the dashboard: one withdrawal event, nothing after the next move.
            assertThat(person.withdrawOnDashboard(gateway.issuer(), b.consentId)).isEqualTo("withdrawn");
            JsonObject withdrawal = eventsOf(b, 3).get(2);
            assertThat(withdrawal.getString("type")).isEqualTo(WITHDRAWN);
            assertThat(withdrawal.getString("consent_id")).isEqualTo(b.consentId);
            assertThat(withdrawal.getJsonObject("payload").getString("customer_number")).isEqualTo(b.customer);
            move(gateway, "Hokkaido/Chuo-ku", "北海道札幌市中央区北一条西二丁目");
            assertChange(eventsOf(a, 4).get(3), a, List.of("address"), Map.of("name", RENAMED, "address", "北海道札幌市中央区北一条西二丁目"));
            assertThat(eventsOf(b, 3)).as("nothing after the withdrawal").hasSize(3);

            // 4. DV protection: the next move reaches A with the address withheld.
            gateway.signer().jpkiSim("protect", "--person", gateway.personId());
            move(gateway, "Fukuoka/Hakata-ku", "福岡県福岡市博多区博多駅前一丁目");
            JsonObject protectedMove = eventsOf(a, 5).get(4);
            assertThat(protectedMove.getJsonObject("payload").getJsonArray("changed")).containsExactly("address");
            assertThat(protectedMove.getJsonObject("payload").getJsonArray("withheld")).containsExactly("address");
            assertThat(protectedMove.getJsonObject("payload").getJsonObject("values").getMap()).isEqualTo(Map.of("name", RENAMED));

            assertThat(eventsOf(c, 0)).as("C never consented").isEmpty();
            assertThat(eventsOf(b, 3)).hasSize(3);
            for (Business business : List.of(a, b, c, d)) {
                assertThat(metric(gateway, "jpkigate_feed_dead_letters", business)).as(business.id + " dead letters").isZero();
            }
            assertThat(metric(gateway, "jpkigate_feed_delivered_total", a)).as("each of A's events pushed once").isEqualTo(5);
        } finally {
            TestVertx.await(vertx.close());
        }
    }

    private static void move(RunningGateway gateway, String municipality, String address) {
        gateway.signer().jpkiSim("move", "--person", gateway.personId(), "--municipality", municipality, "--address", address);
    }

    /** A four-information-changed event of {@code business}'s consent: exactly these changed items and values. */
    private static void assertChange(JsonObject event, Business business, List<String> changed, Map<String, String> values) {
        assertThat(event.getString("type")).isEqualTo(CHANGED);
        assertThat(event.getString("consent_id")).isEqualTo(business.consentId);
        JsonObject payload = event.getJsonObject("payload");
        assertThat(payload.getString("customer_number")).isEqualTo(business.customer);
        assertThat(payload.getJsonArray("changed").getList()).isEqualTo(changed);
        assertThat(payload.getJsonObject("values").getMap()).isEqualTo(values);
        assertThat(payload.containsKey("withheld")).isFalse();
        assertThat(event.getString("iss")).isEqualTo(business.issuer);
    }

    private static JsonObject only(List<JsonObject> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** The receiver's accepted events once it has exactly {@code count} (failing if it gets more or too few in time). */
    private List<JsonObject> eventsOf(Business business, int count) throws Exception {
        List<JsonObject> events = until(count + " verified events at " + business.id, business::received,
                list -> list.size() >= count, () -> metrics(current).lines().filter(l -> !l.startsWith("#") && !l.contains("_bucket"))
                        .collect(java.util.stream.Collectors.joining("\n")) + "\n" + RedisDump.feedState(business.vertx, current.redisUrl()));
        assertThat(events).as("events at " + business.id).hasSize(count);
        return events;
    }

    /** {@code GET /feed/metrics}: the business's sample of {@code metric}, 0 when it has none yet. */
    private long metric(RunningGateway gateway, String metric, Business business) throws Exception {
        return sample(metrics(gateway), metric, business);
    }

    /** {@code GET /feed/metrics} on the metrics listener: the Prometheus text. */
    private String metrics(RunningGateway gateway) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway.metricsUrl() + "/feed/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static long sample(String metrics, String metric, Business business) {
        Matcher sample = Pattern.compile("(?m)^" + metric + "\\{client=\"" + Pattern.quote(business.id) + "\"} ([0-9.]+)$")
                .matcher(metrics);
        return sample.find() ? (long) Double.parseDouble(sample.group(1)) : 0;
    }

    /** Polls {@code probe} until {@code done} holds, at most {@link #DEADLINE}; its last value. */
    static <T> T until(String what, Callable<T> probe, Predicate<T> done) throws Exception {
        return until(what, probe, done, () -> "");
    }

    /** As {@link #until(String, Callable, Predicate)}, with {@code state} (what the gateway had) in the failure message. */
    static <T> T until(String what, Callable<T> probe, Predicate<T> done, Callable<String> state) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            T value = probe.call();
            if (done.test(value)) {
                return value;
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("waited " + DEADLINE.toSeconds() + " s for " + what + "; last: " + value
                        + "\ngateway state:\n" + state.call());
            }
            Thread.sleep(50);
        }
    }

    /**
     * A business of the feed: its client registration (a back end with {@code client_credentials},
     * {@code private_key_jwt}, the consent API's scopes, an ES256 signing key and a P-256 {@code enc} key
     * inline), its reference receiver (push) or its poll (D), and its consent.
     */
    static final class Business {
        final String id;
        final String customer;
        final List<String> items;
        final ECKey signingKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        final ECKey encryptionKey;
        final int port;
        final HttpClient http = HttpClient.newHttpClient();
        String issuer;
        String consentId;
        BankApi api;
        EventInbox inbox;
        Vertx vertx;
        HttpServer server;

        private Business(String id, String customer, List<String> items, int port) throws Exception {
            this.id = id;
            this.customer = customer;
            this.items = items;
            this.port = port;
            this.encryptionKey = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).keyID(id + "-enc").generate();
        }

        static Business push(String id, String customer, List<String> items) throws Exception {
            return new Business(id, customer, items, RunningGateway.freePort());
        }

        static Business poll(String id, String customer, List<String> items) throws Exception {
            return new Business(id, customer, items, -1);
        }

        JsonObject registration() {
            JsonObject client = new JsonObject().put("client_id", id).put("client_name", "Feed " + id)
                    .put("grant_types", new JsonArray().add("client_credentials"))
                    .put("token_endpoint_auth_method", "private_key_jwt")
                    .put("jwks", new JsonObject(new JWKSet(List.of(signingKey.toPublicJWK(), encryptionKey.toPublicJWK()))
                            .toJSONObject()))
                    .put("scope", port < 0 ? "consent:write consent:read feed:read" : "consent:write consent:read");
            return port < 0 ? client.put("feed_delivery_method", "urn:ietf:rfc:8936")
                    : client.put("feed_delivery_method", "urn:ietf:rfc:8935")
                            .put("feed_endpoint_url", "http://127.0.0.1:" + port + "/events");
        }

        /** Its API connection, its verifier (the OP's JWK Set fetched from the gateway) and, for push, its receiver. */
        void open(Vertx vertx, String issuer) throws Exception {
            this.vertx = vertx;
            this.issuer = issuer;
            Clock clock = Clock.systemUTC();
            SetVerifier verifier = new SetVerifier(issuer, id, new JWKSet(encryptionKey),
                    new InMemoryReplayGuard(1000, Duration.ofDays(1), clock), clock, Duration.ofMinutes(1), Duration.ofDays(1));
            inbox = new EventInbox(verifier, new RemoteOpKeys(WebClient.create(vertx), URI.create(issuer + "/jwks"), clock,
                    Duration.ofMinutes(5), Duration.ofSeconds(1)), 100);
            api = port < 0 ? BankApi.connect(issuer, id, signingKey, "consent:write", "consent:read", "feed:read")
                    : BankApi.connect(issuer, id, signingKey, "consent:write", "consent:read");
            if (port >= 0) {
                start();
            }
        }

        /** The business invites its customer, the person consents with the card, J-LIS has it (active). */
        void consent(ConsentPerson person) throws Exception {
            String url = api.invite(List.of(customer), items).get(0).getString("url");
            assertThat(person.consent(url)).isEqualTo("signed");
            JsonObject active = until(id + "'s consent registered with J-LIS", () -> api.consentOf(customer),
                    c -> "active".equals(c.getString("status")));
            consentId = active.getString("consent_id");
        }

        /** The receiver listens on its port (the same one after a restart; its inbox, with its replay guard, kept). */
        void start() throws Exception {
            server = TestVertx.await(new ReferenceReceiver(vertx, inbox).listen(port));
        }

        void stop() throws Exception {
            TestVertx.await(server.close());
        }

        /** {@code GET /events} of its receiver: the SETs it accepted, oldest first. */
        List<JsonObject> received() throws Exception {
            if (port < 0) {
                return inbox.events().stream().map(e -> e.toJson()).toList();
            }
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            List<JsonObject> events = new ArrayList<>();
            new JsonObject(answer.body()).getJsonArray("events").forEach(e -> events.add((JsonObject) e));
            return events;
        }

        /** Polls until one SET comes, verifies it in the inbox: the accepted event. */
        JsonObject pollOne() throws Exception {
            JsonObject sets = until(id + "'s poll to return its event", this::pollSets, s -> !s.isEmpty());
            assertThat(sets.size()).isEqualTo(1);
            String jti = sets.fieldNames().iterator().next();
            TestVertx.await(inbox.receive(sets.getString(jti)));
            JsonObject event = only(received());
            assertThat(event.getString("jti")).isEqualTo(jti);
            return event;
        }

        /** {@code POST /feed/v1/poll} without acknowledgements: the {@code sets} it returned. */
        JsonObject pollSets() throws Exception {
            return poll(new JsonObject().put("maxEvents", 10).put("returnImmediately", true));
        }

        /** Acknowledges {@code jti} with a poll: the {@code sets} that poll returned. */
        JsonObject acknowledge(String jti) throws Exception {
            return poll(new JsonObject().put("ack", new JsonArray().add(jti)).put("maxEvents", 10).put("returnImmediately", true));
        }

        private JsonObject poll(JsonObject request) throws Exception {
            HttpResponse<String> answer = api.post("/feed/v1/poll", request);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return new JsonObject(answer.body()).getJsonObject("sets");
        }
    }
}
