package jp.jpkigate.perf.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.SimState;

/**
 * Writes what the login load test needs before the gateway starts, so that no key is generated
 * while it is measured:
 * <pre>
 *   &lt;dir&gt;/data/               the gateway's data dir (JPKI_GATE_DATA_DIR)
 *   &lt;dir&gt;/data/sim/           the simulator's state: CAs and N synthetic people, one RSA-2048 card each
 *   &lt;dir&gt;/clients.json        the load-test clients: {@value #CLIENT_ID} (FAPI, PAR, private_key_jwt with
 *                              its public ES256 key) and {@value #BACKEND_CLIENT_ID} (a bank's back end:
 *                              client_credentials with the API scopes, client_secret_basic; it polls the
 *                              4-information feed) and {@value #FEED_PUSH_CLIENT_ID} (a bank the feed pushes
 *                              to, at {@code http://127.0.0.1:<feedPort>/events}, the feed scenario's receiver)
 *   &lt;dir&gt;/client-key.json     the FAPI client's private key (JWK, owner-only)
 *   &lt;dir&gt;/revocation-clients.txt  the check API's client, {@code id=sha256(secret)} (JPKI_GATE_REVOCATION_CLIENTS)
 * </pre>
 * Existing state is kept: a second run issues only the missing people and reuses the client key.
 * Every card has the same PIN and password ({@link #PIN}, {@link #PASSWORD}); the people are
 * synthetic (one name, one address), so nothing personal reaches a log.
 *
 * <p>Run: {@code java -cp perf/target/benchmarks.jar jp.jpkigate.perf.login.LoginFixtures <dir> <people> [<feedPort>]}
 * (the feed's push receiver port, default {@value #DEFAULT_FEED_PORT}).
 */
public final class LoginFixtures {
    public static final String CLIENT_ID = "perf-rp";
    public static final String REDIRECT_URI = "https://rp.perf.example/cb";
    public static final String PIN = "1234";
    public static final String PASSWORD = "PERF2026";
    public static final String CLIENTS_FILE = "clients.json";
    public static final String CLIENT_KEY_FILE = "client-key.json";
    public static final String BACKEND_CLIENT_ID = "perf-backend";
    /** Synthetic, for the load test's own gateway only. */
    public static final String BACKEND_SECRET = "perf-backend-secret-2026";
    public static final String FEED_PUSH_CLIENT_ID = "perf-feed-push";
    public static final int DEFAULT_FEED_PORT = 18400;
    public static final String REVOCATION_CLIENT_ID = "perf";
    /** Synthetic, for the load test's own gateway only. */
    public static final String REVOCATION_SECRET = "perf-revocation-secret-2026";
    public static final String REVOCATION_CLIENTS_FILE = "revocation-clients.txt";

    private LoginFixtures() {
    }

    /** The simulator's state directory under a fixtures directory. */
    public static Path simDir(Path dir) {
        return dir.resolve("data").resolve("sim");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: LoginFixtures <dir> <people> [<feedPort>]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int people = Integer.parseInt(args[1]);
        int issued = issuePeople(simDir(dir), people);
        JWK key = clientKey(dir.resolve(CLIENT_KEY_FILE));
        int feedPort = args.length == 3 ? Integer.parseInt(args[2]) : DEFAULT_FEED_PORT;
        Files.writeString(dir.resolve(CLIENTS_FILE), clientsJson(key, feedPort).encodePrettily());
        Files.writeString(dir.resolve(REVOCATION_CLIENTS_FILE), REVOCATION_CLIENT_ID + "=" + sha256Hex(REVOCATION_SECRET) + "\n");
        System.out.printf("fixtures in %s: %d people (%d new), client %s%n", dir, people, issued, CLIENT_ID);
    }

    /** Opens (or creates) the simulator state and issues people until there are {@code count}; returns how many were new. */
    static int issuePeople(Path simDir, int count) {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        SimState state = Files.exists(simDir.resolve(SimState.REGISTRY_FILE))
                ? SimState.open(simDir, clock, random) : SimState.init(simDir, clock, random, false);
        int existing = state.registry().people().size();
        for (int i = existing; i < count; i++) {
            state.registry().life().issue(new CardRequest("負荷", "試験", LocalDate.of(1980, 1, 1).plusDays(i),
                    i % 2 == 0 ? FourInfo.Gender.FEMALE : FourInfo.Gender.MALE, "東京都新宿区西新宿二丁目８番１号",
                    new Municipality("Tokyo", "Shinjuku-ku"), PIN, PASSWORD, KeyAlgorithm.RSA_2048));
        }
        state.save();
        return Math.max(0, count - existing);
    }

    private static JWK clientKey(Path file) throws IOException, ParseException {
        if (Files.exists(file)) {
            return JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
        }
        JWK key = SigningKeys.generateKey(JWSAlgorithm.ES256);
        Files.createDirectories(file.getParent());
        Files.writeString(file, key.toJSONString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return key;
    }

    /**
     * The gateway's clients file (RFC 7591 metadata): the FAPI relying party, the back end (polling the
     * feed) and the business the feed pushes to on {@code feedPort}. The feed's {@code enc} keys are
     * public only: the feed scenario's events are opaque, nobody decrypts them.
     */
    static JsonArray clientsJson(JWK key, int feedPort) throws JOSEException {
        JsonObject jwks = new JsonObject(new JWKSet(key.toPublicJWK()).toString());
        return new JsonArray().add(new JsonObject()
                .put("client_id", CLIENT_ID)
                .put("client_name", "JPKI Gate load test")
                .put("redirect_uris", new JsonArray().add(REDIRECT_URI))
                .put("token_endpoint_auth_method", "private_key_jwt")
                .put("jwks", jwks)
                .put("scope", "openid name address birthdate gender"))
                .add(backEnd(BACKEND_CLIENT_ID, "JPKI Gate load test bank", "consent:write consent:read feed:read")
                        .put("feed_delivery_method", "urn:ietf:rfc:8936")
                        .put("jwks", encryptionKey(BACKEND_CLIENT_ID)))
                .add(backEnd(FEED_PUSH_CLIENT_ID, "JPKI Gate load test bank (push)", "consent:write consent:read")
                        .put("feed_delivery_method", "urn:ietf:rfc:8935")
                        .put("feed_endpoint_url", "http://127.0.0.1:" + feedPort + "/events")
                        .put("jwks", encryptionKey(FEED_PUSH_CLIENT_ID)));
    }

    /** A bank's back end: client_credentials with {@code scope}, client_secret_basic with {@link #BACKEND_SECRET}. */
    private static JsonObject backEnd(String clientId, String name, String scope) {
        return new JsonObject()
                .put("client_id", clientId)
                .put("client_name", name)
                .put("token_endpoint_auth_method", "client_secret_basic")
                .put("client_secret_sha256", sha256Hex(BACKEND_SECRET))
                .put("fapi", false)
                .put("grant_types", new JsonArray().add("client_credentials"))
                .put("scope", scope);
    }

    /** A JWK Set with one fresh public EC P-256 {@code enc} key (the private part is thrown away). */
    private static JsonObject encryptionKey(String clientId) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).keyID(clientId + "-enc").generate();
        return new JsonObject(new JWKSet(key.toPublicJWK()).toString());
    }

    static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
