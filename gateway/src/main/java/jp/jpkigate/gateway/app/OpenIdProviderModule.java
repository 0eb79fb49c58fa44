package jp.jpkigate.gateway.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.config.TrustAnchors;
import jp.jpkigate.idp.approval.ApprovalOptions;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.dpop.DpopOptions;
import jp.jpkigate.idp.jpki.CacheRevocationChecker;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.JpkiVerifierOptions;
import jp.jpkigate.idp.jpki.RevocationChecker;
import jp.jpkigate.idp.jpki.RevocationStatus;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.limit.ClientRateLimit;
import jp.jpkigate.idp.session.SessionOptions;
import jp.jpkigate.idp.subject.CertificatePersonKeys;
import jp.jpkigate.idp.subject.PersonKeyResolver;
import jp.jpkigate.idp.token.TokenOptions;
import jp.jpkigate.idp.web.OpenIdProviderRoutes;
import jp.jpkigate.idp.web.TokenManagementRoutes;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.registry.SimState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenID Provider of this process: its configuration (with the mutual-TLS settings), signing
 * keys, client registry, pairwise secret, JPKI verifier and certificate linkage, loaded once
 * (blocking, on a worker), and a router per HTTP verticle. The signing keys and the registered
 * clients are live ({@link AdminModule}): the {@link AdminVerticle} fills them from Redis before
 * the HTTP verticles start.
 */
public final class OpenIdProviderModule {
    /** Where dev mode keeps the generated pairwise-subject secret, so subjects survive restarts. */
    static final String DEV_PAIRWISE_SECRET = "pairwise-secret";
    private static final Logger LOG = LoggerFactory.getLogger(OpenIdProviderModule.class);

    private final OpenIdProviderConfig config;
    private final SigningKeys keys;
    private final ClientRegistry clients;
    private final byte[] pairwiseSecret;
    private final jp.jpkigate.idp.jpki.TrustAnchors anchors;
    private final JpkiVerifier verifier;
    private final Optional<String> linkageUrl;
    private final DpopOptions dpop;
    private final SessionOptions sessions;
    private final Clock clock;
    private final AdminModule admin;
    private final ClientRateLimit clientLimit;

    private OpenIdProviderModule(OpenIdProviderConfig config, SigningKeys keys, ClientRegistry clients,
                                 byte[] pairwiseSecret, jp.jpkigate.idp.jpki.TrustAnchors anchors, JpkiVerifier verifier,
                                 Optional<String> linkageUrl, DpopOptions dpop, SessionOptions sessions, Clock clock,
                                 AdminModule admin, ClientRateLimit clientLimit) {
        this.config = config;
        this.keys = keys;
        this.clients = clients;
        this.pairwiseSecret = pairwiseSecret;
        this.anchors = anchors;
        this.verifier = verifier;
        this.linkageUrl = linkageUrl;
        this.dpop = dpop;
        this.sessions = sessions;
        this.clock = clock;
        this.admin = admin;
        this.clientLimit = clientLimit;
    }

    /**
     * Loads everything off the event loop; fails with every configuration problem it finds first.
     *
     * @param linkageUrl the certificate linkage service (the configured one, else the dev simulator); without
     *                   one, pairwise subjects follow the certificate and change on card renewal (a warning says so)
     */
    public static Future<OpenIdProviderModule> load(Vertx vertx, GatewayConfig gateway, Optional<RevocationModule> revocation,
                                                    Optional<String> linkageUrl, Clock clock) {
        return vertx.executeBlocking(() -> {
            GatewayConfig.Oidc oidc = gateway.oidc();
            OpenIdProviderConfig config = OpenIdProviderConfig.defaults(gateway.http().publicBaseUrl())
                    .withMtls(ClientCertificateSettings.load(gateway.http().tls()));
            ClientRegistry fileClients = oidc.clientsFile() == null ? ClientRegistry.of(List.of())
                    : ClientRegistry.parse(Files.readString(oidc.clientsFile()), config.scopesSupported());
            ClientCertificateSettings.check(fileClients.all(), config.mtls());
            byte[] secret = pairwiseSecret(gateway);
            // The signing keys rotate in Redis and clients may be registered there: the admin module keeps both live.
            AdminModule admin = AdminModule.load(gateway, config, fileClients, TokenOptions.defaults(secret), clock);
            SigningKeys keys = admin.signingKeys();
            ClientRegistry clients = admin.clients();
            RevocationChecker checker = revocation.<RevocationChecker>map(m -> new CacheRevocationChecker(m.service()))
                    .orElse(query -> CompletableFuture.completedFuture(
                            RevocationStatus.unknown("no revocation data source is configured")));
            jp.jpkigate.idp.jpki.TrustAnchors anchors = trustAnchors(gateway, clock);
            JpkiVerifier verifier = new JpkiVerifier(anchors, checker, clock, JpkiVerifierOptions.defaults());
            if (linkageUrl.isEmpty()) {
                LOG.warn("no certificate linkage is configured (oidc.linkageUrl, JPKI_GATE_OIDC_LINKAGE_URL): "
                        + "pairwise sub follows the certificate and changes when a card is renewed");
            }
            // Every replica and event loop shares the pairwise secret, so nonces derived from it agree everywhere.
            DpopOptions dpop = oidc.dpopNonces() ? DpopOptions.defaults(DpopOptions.deriveNonceKey(secret))
                    : DpopOptions.withoutNonces();
            return new OpenIdProviderModule(config, keys, clients, secret, anchors, verifier, linkageUrl, dpop,
                    new SessionOptions(oidc.sessionIdle(), oidc.sessionMax()), clock, admin,
                    new ClientRateLimit(gateway.limits().clientRequests(), clock));
        });
    }

    /** The real J-LIS roots, or in dev the simulator's roots from its state directory. */
    private static jp.jpkigate.idp.jpki.TrustAnchors trustAnchors(GatewayConfig gateway, Clock clock) {
        if (gateway.trustAnchors() == TrustAnchors.JLIS) {
            return jp.jpkigate.idp.jpki.TrustAnchors.jlis();
        }
        Path simDir = DevServices.simulatorStateDir(gateway);
        List<X509Certificate> roots = SimState.open(simDir, clock, new SecureRandom()).cas().all().stream()
                .map(SimCa::certificate).toList();
        return jp.jpkigate.idp.jpki.TrustAnchors.of("sim", roots);
    }

    /** The configured secret file, or in dev one created under the data dir (owner-only). */
    private static byte[] pairwiseSecret(GatewayConfig gateway) throws IOException {
        Path file = gateway.oidc().pairwiseSecretFile() != null ? gateway.oidc().pairwiseSecretFile()
                : gateway.dataDir().resolve(DEV_PAIRWISE_SECRET);
        if (!Files.exists(file) && gateway.oidc().pairwiseSecretFile() == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.getParent());
            Files.write(file, fresh);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        byte[] secret = Files.readAllBytes(file);
        if (secret.length < 32) {
            throw new IllegalArgumentException("the pairwise-subject secret in " + file + " must be at least 32 bytes");
        }
        return secret;
    }

    /** The OP's routes for one HTTP verticle; reads page templates from the classpath, so call it on a worker. */
    public Router routes(Vertx vertx, Redis redis) {
        // One limit for the process: every event loop's routes count into the same buckets.
        Router router = OpenIdProviderRoutes.create(vertx, config, keys, clients, redis, dpop, clientLimit, clock);
        TokenOptions tokens = TokenOptions.defaults(pairwiseSecret);
        PersonKeyResolver persons = personKeys(vertx, redis);
        OpenIdProviderRoutes.addLoginRoutes(router, vertx, config, keys, clients, verifier, redis, persons, tokens,
                ApprovalOptions.defaults(), sessions, clock);
        OpenIdProviderRoutes.addTokenRoutes(router, vertx, config, keys, clients, redis, tokens, persons, dpop, clientLimit,
                clock);
        TokenManagementRoutes.add(router, vertx, config, keys, clients, redis, tokens, clock);
        return router;
    }

    /** The linkage service with the Redis record when there is one, else the certificate itself. */
    PersonKeyResolver personKeys(Vertx vertx, Redis redis) {
        return linkageUrl.<PersonKeyResolver>map(url -> OpenIdProviderRoutes.linkedPersonKeys(vertx, redis, url, anchors))
                .orElse(CertificatePersonKeys.INSTANCE);
    }

    OpenIdProviderConfig config() {
        return config;
    }

    SigningKeys keys() {
        return keys;
    }

    ClientRegistry clients() {
        return clients;
    }

    JpkiVerifier verifier() {
        return verifier;
    }

    jp.jpkigate.idp.jpki.TrustAnchors anchors() {
        return anchors;
    }

    DpopOptions dpop() {
        return dpop;
    }

    TokenOptions tokenOptions() {
        return TokenOptions.defaults(pairwiseSecret);
    }

    /** A key for {@code label} derived from the pairwise secret every replica shares. */
    byte[] derivedKey(String label) {
        return jp.jpkigate.idp.key.DerivedKeys.derive(pairwiseSecret, label);
    }

    /** The certificate linkage service pairwise subjects follow, if any. */
    public Optional<String> linkageUrl() {
        return linkageUrl;
    }

    /** The shared signing keys and registered clients, for the {@link AdminVerticle}. */
    AdminModule admin() {
        return admin;
    }

    /** How many clients are registered (for the start-up banner). */
    public int clientCount() {
        return clients.all().size();
    }
}
