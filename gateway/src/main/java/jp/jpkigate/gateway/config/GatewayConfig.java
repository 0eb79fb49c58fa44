package jp.jpkigate.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's validated, immutable configuration. Build it with {@link ConfigLoader}; the
 * records here check nothing themselves.
 *
 * @param mode dev or prod
 * @param http the public HTTP listener
 * @param redis the Redis to use, or the embedded one to start
 * @param dataDir where local state lives (the embedded Redis keeps its files under {@code redis/})
 * @param simulator the J-LIS simulator's HTTP server (dev only)
 * @param trustAnchors the root certificates JPKI certificates must chain to
 * @param revocation the revocation cache: where CRLs come from, how fresh they must be, who may ask
 * @param oidc the OpenID Provider: signing keys, registered clients, the pairwise-subject secret
 * @param keys how the signing keys the replicas share are sealed and rotated
 * @param admin the admin API's listener and tokens
 * @param jlis J-LIS's consent registry and 4-information provision API (the dev simulator's when unset)
 * @param metrics the Prometheus {@code /metrics} listener
 * @param shutdown how a stopping gateway drains its requests
 * @param limits slow-request time limits and the per-client rate limit
 */
public record GatewayConfig(
        Mode mode, Http http, RedisSettings redis, Path dataDir, Simulator simulator, TrustAnchors trustAnchors,
        Revocation revocation, Oidc oidc, Keys keys, Admin admin, Jlis jlis, MetricsSettings metrics,
        ShutdownSettings shutdown, LimitSettings limits) {

    /** With the default key rotation (dev key-encryption key) and no admin API. */
    public GatewayConfig(Mode mode, Http http, RedisSettings redis, Path dataDir, Simulator simulator,
                         TrustAnchors trustAnchors, Revocation revocation, Oidc oidc) {
        this(mode, http, redis, dataDir, simulator, trustAnchors, revocation, oidc,
                new Keys(null, "ES256", Duration.ofHours(1), Duration.ofDays(90)),
                new Admin(false, "127.0.0.1", 0, Map.of(), Duration.ofSeconds(5)), new Jlis(null),
                MetricsSettings.OFF, ShutdownSettings.IMMEDIATE, LimitSettings.DEFAULTS);
    }

    /** Requires every part. */
    public GatewayConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(oidc, "oidc");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(jlis, "jlis");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * J-LIS as the consent service and the 4-information feed reach it.
     *
     * @param url base URL of J-LIS's consent registry and 4-information provision API (the simulator's layout:
     *            {@code /jlis/consents}, {@code /jlis/four-information}); null: the dev simulator's
     */
    public record Jlis(String url) {
    }

    /**
     * The HTTP listener.
     *
     * @param host the interface to bind
     * @param port the port to bind; 0 picks a free one
     * @param publicBaseUrl the URL clients reach the gateway at (the OpenID issuer), no trailing slash
     * @param instances how many HTTP verticles (event loops) serve the port
     * @param tls TLS termination and where clients' certificates come from
     */
    public record Http(String host, int port, String publicBaseUrl, int instances, Tls tls) {
        public Http {
            Objects.requireNonNull(tls, "tls");
        }

        /** Plain HTTP (TLS terminated elsewhere, no client certificates). */
        public Http(String host, int port, String publicBaseUrl, int instances) {
            this(host, port, publicBaseUrl, instances, Tls.NONE);
        }
    }

    /**
     * TLS of the listener and clients' certificates (RFC 8705 mutual TLS).
     *
     * @param certFile         the server certificate chain (PEM), e.g. from a mounted Secret; {@code null}: plain HTTP
     * @param keyFile          its private key (PEM, PKCS#8 or PKCS#1 / SEC 1)
     * @param clientCaFile     the CAs (PEM bundle) {@code tls_client_auth} clients' certificates must chain to;
     *                         {@code null}: none
     * @param clientCertHeader the header a trusted TLS proxy forwards the client certificate in (RFC 9440
     *                         {@code Client-Cert} or nginx's URL-encoded PEM); {@code null}: not trusted, never read
     */
    public record Tls(Path certFile, Path keyFile, Path clientCaFile, String clientCertHeader) {
        /** Plain HTTP, no client certificates. */
        public static final Tls NONE = new Tls(null, null, null, null);

        /** Whether the gateway terminates TLS itself. */
        public boolean terminates() {
            return certFile != null;
        }

        /** Whether clients can present certificates: from this listener's TLS sessions or a trusted proxy's header. */
        public boolean clientCertificates() {
            return terminates() || clientCertHeader != null;
        }

        /** The banner line. */
        String describe() {
            String listener = terminates() ? "on (" + certFile + ")" : "off";
            String clients = clientCertHeader != null
                    ? "client certificates from the " + clientCertHeader + " header (trusted proxy)"
                    : terminates() ? "client certificates requested" : "no client certificates";
            return listener + ", " + clients + (clientCaFile == null ? "" : ", client CAs " + clientCaFile);
        }
    }

    /**
     * Where Redis is.
     *
     * @param url the Redis connection string, or {@code null} to start an embedded Redis (dev only)
     * @param embeddedPort the embedded Redis port; 0 picks a free loopback port
     * @param embeddedFsync the embedded Redis's {@code appendfsync}: {@code always} (the default: an acknowledged
     *                      consent or feed event survives a crash of Redis too, as in production) or {@code everysec}
     * @param replicaWait how many replicas must have a consent write before it is acknowledged
     */
    public record RedisSettings(String url, int embeddedPort, String embeddedFsync, ReplicaWait replicaWait) {
        public RedisSettings(String url, int embeddedPort) {
            this(url, embeddedPort, "always");
        }

        public RedisSettings(String url, int embeddedPort, String embeddedFsync) {
            this(url, embeddedPort, embeddedFsync, ReplicaWait.NONE);
        }

        /** The external Redis URL, empty when the embedded Redis is used. */
        public Optional<String> externalUrl() {
            return Optional.ofNullable(url);
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "RedisSettings[url=" + Secrets.maskUrl(url) + ", embeddedPort=" + embeddedPort
                    + ", embeddedFsync=" + embeddedFsync + ", replicaWait=" + replicaWait + "]";
        }
    }

    /**
     * {@code redis.waitReplicas} / {@code redis.waitMillis}: a consent write (record, indexes, change log, audit
     * chain) is acknowledged only once {@code replicas} replicas of its master have it ({@code WAIT}), so a
     * failover loses no acknowledged consent; 0 (the default, right for one Redis without replicas) waits for none.
     *
     * @param replicas replicas that must confirm, 0-16
     * @param timeout  how long to wait for them; a write they do not confirm in time fails (503), not acknowledged
     */
    public record ReplicaWait(int replicas, Duration timeout) {
        public static final ReplicaWait NONE = new ReplicaWait(0, Duration.ofSeconds(1));
    }

    /**
     * The J-LIS simulator's HTTP server.
     *
     * @param enabled whether to start it (never in prod)
     * @param port its port
     */
    public record Simulator(boolean enabled, int port) {
    }

    /**
     * The revocation cache.
     *
     * @param publisherUrl base URL of the CRL / OCSP publisher (the simulator's layout: {@code /ca},
     *                     {@code /crl/<ca>/full.crl}, {@code /ocsp}); {@code null} in dev means the simulator
     * @param refresh how often CRLs are fetched (conditional requests; deltas when possible)
     * @param grace how long past a CRL's nextUpdate its data still counts as fresh
     * @param clientSecretHashes client id to the SHA-256 hex of its secret, for the check API
     * @param ocspCertFile the OCSP responder certificate (PEM); {@code null} in dev means generated
     * @param ocspKeyFile its private key (PEM)
     */
    public record Revocation(String publisherUrl, Duration refresh, Duration grace,
                             Map<String, String> clientSecretHashes, Path ocspCertFile, Path ocspKeyFile) {
        public Revocation {
            clientSecretHashes = Map.copyOf(clientSecretHashes);
        }

        /** Client ids only: the hashes are secrets' fingerprints and stay out of logs. */
        @Override
        public String toString() {
            return "Revocation[publisherUrl=" + publisherUrl + ", refresh=" + refresh + ", grace=" + grace
                    + ", clients=" + clientSecretHashes.keySet() + ", ocspCertFile=" + ocspCertFile + "]";
        }
    }

    /**
     * The OpenID Provider (its issuer is {@code http.publicBaseUrl}).
     *
     * @param keysDir signing keys (JWK or PEM files, e.g. a mounted Secret); {@code null} in dev means generated
     * @param clientsFile the registered clients, a JSON array of RFC 7591 metadata; {@code null} means none
     * @param pairwiseSecretFile at least 32 bytes keying pairwise subjects; {@code null} in dev means one under the data dir
     * @param linkageUrl base URL of the old → new serial linkage of renewed certificates (the simulator's layout:
     *                   {@code /ca}, {@code /linkage/<ca>/<serial hex>}) that keeps {@code sub} across card renewal;
     *                   {@code null} means the dev simulator's, or without one the certificate itself (renewal
     *                   changes {@code sub})
     * @param dpopNonces whether DPoP proofs must carry a server nonce (RFC 9449 §8); default true
     * @param sessionIdle how long a single sign-on session lives unused (default 30 min)
     * @param sessionMax how long after the card's signature a single sign-on session lasts at most (default 8 h)
     */
    public record Oidc(Path keysDir, Path clientsFile, Path pairwiseSecretFile, String linkageUrl, boolean dpopNonces,
                       Duration sessionIdle, Duration sessionMax) {
        /** No linkage URL configured, DPoP nonces required, the default single sign-on session lifetimes. */
        public Oidc(Path keysDir, Path clientsFile, Path pairwiseSecretFile) {
            this(keysDir, clientsFile, pairwiseSecretFile, null);
        }

        /** DPoP nonces required, the default single sign-on session lifetimes. */
        public Oidc(Path keysDir, Path clientsFile, Path pairwiseSecretFile, String linkageUrl) {
            this(keysDir, clientsFile, pairwiseSecretFile, linkageUrl, true, DEFAULT_SESSION_IDLE, DEFAULT_SESSION_MAX);
        }
    }

    /** Single sign-on sessions: 30 minutes unused, 8 hours after the card's signature. */
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_SESSION_MAX = Duration.ofHours(8);

    /**
     * The OP's signing keys, shared by the replicas in Redis with their private parts sealed.
     *
     * @param encryptionKeyFile the key-encryption key (32 bytes, raw or base64; a mounted Secret);
     *                          {@code null} in dev means {@code <dataDir>/signing-kek}, generated owner-only
     * @param algorithm         the algorithm of new keys: ES256, PS256 or EdDSA
     * @param propagation       how long a new key is in the JWKS before it signs
     * @param rotation          the automatic rotation period; zero means only on request
     */
    public record Keys(Path encryptionKeyFile, String algorithm, Duration propagation, Duration rotation) {
    }

    /**
     * The admin API ({@code /admin/}) on a listener of its own, for an internal network only.
     *
     * @param enabled     whether it listens: with configured tokens, or in dev (a generated token)
     * @param host        the interface to bind
     * @param port        the port; 0 picks a free one
     * @param tokenHashes token label (named in the audit log) → hex SHA-256 of the token
     * @param sync        how often a replica picks up keys and clients changed by another
     */
    public record Admin(boolean enabled, String host, int port, Map<String, String> tokenHashes, Duration sync) {
        public Admin {
            tokenHashes = Map.copyOf(tokenHashes);
        }

        /** Token labels only. */
        @Override
        public String toString() {
            return "Admin[enabled=" + enabled + ", host=" + host + ", port=" + port + ", tokens=" + tokenHashes.keySet()
                    + ", sync=" + sync + "]";
        }
    }

    /** A multi-line summary for the start-up banner; secrets are masked. */
    public String describe() {
        return String.join("\n",
                "mode:              " + mode.id(),
                "http:              " + http.host() + ":" + http.port() + " (" + http.instances() + " event loops)",
                "tls:               " + http.tls().describe(),
                "public base URL:   " + http.publicBaseUrl(),
                "redis:             " + redis.externalUrl().map(Secrets::maskUrl).orElse("embedded"),
                "data dir:          " + dataDir,
                "simulator:         " + (simulator.enabled() ? "on, port " + simulator.port() : "off"),
                "trust anchors:     " + trustAnchors.id(),
                "revocation:        " + (revocation.publisherUrl() == null ? "from the simulator" : revocation.publisherUrl())
                        + ", refresh " + revocation.refresh().toSeconds() + " s, grace " + revocation.grace().toSeconds()
                        + " s, " + revocation.clientSecretHashes().size() + " API client(s)",
                "signing keys:      " + keys.algorithm() + ", shared in Redis, sealed with " + (keys.encryptionKeyFile() == null
                        ? "a generated key (dev)" : keys.encryptionKeyFile()) + ", published " + keys.propagation().toSeconds()
                        + " s before use, rotated " + (keys.rotation().isZero() ? "on request" : "every " + keys.rotation().toDays()
                        + " days") + (oidc.keysDir() == null ? "" : ", first keys from " + oidc.keysDir()),
                "admin API:         " + (admin.enabled() ? admin.host() + ":" + admin.port() + " (internal network only), "
                        + (admin.tokenHashes().isEmpty() ? "a token generated at start" : admin.tokenHashes().size() + " token(s)")
                        : "off (no admin.tokens)"),
                "clients:           " + (oidc.clientsFile() == null ? "none" : oidc.clientsFile()),
                "linkage:           " + (oidc.linkageUrl() != null ? oidc.linkageUrl()
                        : simulator.enabled() ? "from the simulator" : "none (sub changes on card renewal)"),
                "J-LIS:             " + (jlis.url() != null ? jlis.url()
                        : simulator.enabled() ? "the simulator (consent registry, 4-information provision)" : "none"),
                "DPoP nonces:       " + (oidc.dpopNonces() ? "required" : "off"),
                "sessions:          " + oidc.sessionIdle().toMinutes() + " min idle, " + oidc.sessionMax().toMinutes()
                        + " min after the card at most",
                "metrics:           " + metrics.describe(),
                "shutdown:          " + shutdown.describe(),
                "limits:            " + limits.describe());
    }
}
