package jp.jpkigate.gateway.clients;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.app.GatewayApp;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.sim.serve.SimServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The dev-mode gateway as a relying party meets it, shared by every {@code RealClients*} test of
 * the run (started once, stopped when the run ends): embedded Redis, the simulator under a temp
 * data dir, the HTTP server on a free loopback port that is also its issuer, one FAPI-style client
 * ({@code private_key_jwt}, an inline ES256 {@code jwks}, PAR; a post-logout redirect URI and a
 * back-channel logout URI served by the hook), a bank of the consent service (a back end with only
 * {@code client_credentials}, {@code consent:write consent:read}, its own key), one person with a card,
 * and the card's {@link CardSignerHook}. The embedded Redis listens on a port chosen here, so tests can
 * read what the gateway wrote ({@link #redisUrl()}).
 */
public final class RunningGateway implements AutoCloseable {
    public static final String CLIENT_ID = "fapi-bank";
    public static final String CLIENT_NAME = "FAPI Bank (テスト)";
    /** The person's basic 4 information as the card's signature certificate carries them. */
    public static final String FAMILY_NAME = "山田";
    public static final String GIVEN_NAME = "太郎";
    public static final LocalDate BIRTH_DATE = LocalDate.of(1990, 1, 2);
    public static final String ADDRESS = "東京都新宿区西新宿二丁目８番１号";
    /** The consent service's business: invites its customers, reads their consents. */
    public static final String BANK_ID = "mirai-bank";
    public static final String BANK_NAME = "みらい銀行 (Mirai Bank)";

    private final Path dataDir;
    private final Vertx vertx;
    private final GatewayApp app;
    private final String issuer;
    private final ECKey clientKey;
    private final ECKey bankKey;
    private final String redisUrl;
    private final CardSignerHook signer;
    private volatile String personId;

    private RunningGateway(Path dataDir, Vertx vertx, GatewayApp app, String issuer, ECKey clientKey, ECKey bankKey,
                           String redisUrl, CardSignerHook signer) {
        this.dataDir = dataDir;
        this.vertx = vertx;
        this.app = app;
        this.issuer = issuer;
        this.clientKey = clientKey;
        this.bankKey = bankKey;
        this.redisUrl = redisUrl;
        this.signer = signer;
    }

    static RunningGateway start() throws Exception {
        return start(new JsonArray(), Map.of());
    }

    /**
     * A gateway of the caller's own (it closes it): the clients above and {@code moreClients} in the
     * clients file, the environment above with {@code moreEnv} over it (for example a shorter
     * {@code JPKI_GATE_REVOCATION_REFRESH_SECONDS}).
     */
    public static RunningGateway start(JsonArray moreClients, Map<String, String> moreEnv) throws Exception {
        Path dataDir = Files.createTempDirectory("real-clients-gateway");
        ECKey clientKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        ECKey bankKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        CardSignerHook signer = CardSignerHook.start(dataDir.resolve("sim"));
        Path clientsFile = dataDir.resolve("clients.json");
        Files.writeString(clientsFile, new JsonArray().add(clientRegistration(clientKey, signer)).add(bankRegistration(bankKey))
                .addAll(moreClients).encodePrettily());
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        int redisPort = freePort();
        Vertx vertx = TestVertx.create();
        Map<String, String> env = new HashMap<>(Map.of(
                "JPKI_GATE_HTTP_PORT", Integer.toString(port), "JPKI_GATE_PUBLIC_URL", issuer,
                "JPKI_GATE_SIM_PORT", "0", "JPKI_GATE_DATA_DIR", dataDir.toString(),
                "JPKI_GATE_OIDC_CLIENTS_FILE", clientsFile.toString()));
        env.putAll(moreEnv);
        GatewayApp app = new GatewayApp(vertx, ConfigLoader.parse(new JsonObject().put("redis", new JsonObject()
                .put("embedded", new JsonObject().put("port", redisPort))).encode(), env), Clock.systemUTC());
        RunningGateway gateway = new RunningGateway(dataDir, vertx, app, issuer, clientKey, bankKey,
                moreEnv.getOrDefault("REDIS_URL", "redis://127.0.0.1:" + redisPort), signer);
        try {
            TestVertx.await(app.start());
            gateway.issueCard();
            return gateway;
        } catch (Exception | AssertionError e) {
            gateway.close();
            throw e;
        }
    }

    /**
     * The FAPI-style client {@link #CLIENT_ID} in a clients file: {@code private_key_jwt} with
     * {@code key}'s public half inline, PAR, the redirect and logout URIs of {@code signer}.
     */
    public static JsonObject clientRegistration(ECKey key, CardSignerHook signer) {
        return new JsonObject()
                .put("client_id", CLIENT_ID)
                .put("client_name", CLIENT_NAME)
                .put("redirect_uris", new JsonArray().add(signer.redirectUri()))
                .put("post_logout_redirect_uris", new JsonArray().add(signer.postLogoutRedirectUri()))
                .put("backchannel_logout_uri", signer.backchannelLogoutUri())
                .put("token_endpoint_auth_method", "private_key_jwt")
                .put("jwks", new JsonObject(new JWKSet(key).toPublicJWKSet().toJSONObject()))
                .put("scope", FlowReport.IDENTITY_SCOPE);
    }

    /**
     * The consent service's bank in a clients file: a back end of its own ({@code client_credentials}
     * only), {@code private_key_jwt} with {@code key}'s public half inline, the consent API's scopes.
     */
    public static JsonObject bankRegistration(ECKey key) {
        return new JsonObject()
                .put("client_id", BANK_ID)
                .put("client_name", BANK_NAME)
                .put("grant_types", new JsonArray().add("client_credentials"))
                .put("token_endpoint_auth_method", "private_key_jwt")
                .put("jwks", new JsonObject(new JWKSet(key).toPublicJWKSet().toJSONObject()))
                .put("scope", "consent:write consent:read");
    }

    /** The person gets a card in the simulator the gateway trusts; the gateway sees it at once. */
    private void issueCard() throws Exception {
        SimServer sim = app.simulator().orElseThrow();
        SimState state = SimState.open(sim.stateDir(), Clock.systemUTC(), new SecureRandom());
        String cardId = issueCard(state);
        personId = state.registry().device(cardId).personId();
        signer.useCard(cardId);
        TestVertx.await(sim.reloadNow());
        TestVertx.await(app.revocation().orElseThrow().ingestNow());
    }

    /**
     * Issues the person's card (RSA-2048, {@link CardSignerHook}'s PIN and password) in {@code state}
     * and saves it; the card's id.
     */
    public static String issueCard(SimState state) {
        Device card = state.registry().life().issue(new CardRequest(FAMILY_NAME, GIVEN_NAME, BIRTH_DATE, FourInfo.Gender.MALE,
                ADDRESS, new Municipality("Tokyo", "Shinjuku-ku"), CardSignerHook.PIN, CardSignerHook.PASSWORD,
                KeyAlgorithm.RSA_2048));
        state.save();
        return card.id();
    }

    /** A loopback port free right now (for servers whose port must be known before they start). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** The issuer, which is also where the gateway listens: {@code http://127.0.0.1:<port>}. */
    public String issuer() {
        return issuer;
    }

    /**
     * The metrics listener, {@code http://127.0.0.1:<port>} (a free port, chosen at start): {@code /feed/metrics} and
     * {@code /revocation/metrics}, which the public listener does not serve.
     */
    public String metricsUrl() {
        return "http://127.0.0.1:" + app.metricsPort();
    }

    /** The client's private ES256 key (its public half is registered inline). */
    public ECKey clientKey() {
        return clientKey;
    }

    /** The bank's private ES256 key (its public half is registered inline). */
    public ECKey bankKey() {
        return bankKey;
    }

    /** The J-LIS simulator the gateway uses (its consent registry: {@code /jlis/consents}). */
    public String simulatorUrl() {
        return "http://127.0.0.1:" + app.simulator().orElseThrow().port();
    }

    /** The gateway's embedded Redis. */
    public String redisUrl() {
        return redisUrl;
    }

    /** The client's one registered redirect URI, served by the signer hook (a plain page). */
    public String redirectUri() {
        return signer.redirectUri();
    }

    /** The person's id in the simulator ({@code jpki-sim move --person …}). */
    public String personId() {
        return personId;
    }

    /** The person's card, signing login transactions. */
    public CardSignerHook signer() {
        return signer;
    }

    @Override
    public void close() throws Exception {
        try {
            signer.close();
            TestVertx.await(app.stop());
            TestVertx.await(vertx.close());
        } finally {
            deleteTree(dataDir);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * Hands the one {@link RunningGateway} of the run to test methods and {@code @BeforeAll}
     * methods; JUnit closes it when the run ends.
     */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningGateway.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(RunningGateway.class))
                    .getOrComputeIfAbsent(RunningGateway.class, key -> {
                        try {
                            return start();
                        } catch (Exception e) {
                            throw new IllegalStateException("the gateway did not start", e);
                        }
                    }, RunningGateway.class);
        }
    }
}
