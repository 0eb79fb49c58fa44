package jp.jpkigate.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import jp.jpkigate.gateway.redis.RedisTopology;
import jp.jpkigate.idp.mtls.MtlsOptions;

/**
 * Turns {@link RawSettings} into a {@link GatewayConfig}: applies the defaults of the mode, checks
 * each value and the rules between them, and records every mistake in the settings.
 */
final class ConfigValidator {
    static final int DEFAULT_HTTP_PORT = 8080;
    static final int DEFAULT_SIM_PORT = 8081;
    static final int DEFAULT_ADMIN_PORT = 8082;
    static final String DEFAULT_DATA_DIR = "./data";

    private ConfigValidator() {
    }

    /** The config, or {@code null} when {@code raw} now holds mistakes. */
    static GatewayConfig build(RawSettings raw) {
        Mode mode = raw.choice("mode", Mode.values(), Mode::id, Mode.DEV);
        boolean dev = mode != Mode.PROD;
        String host = raw.string("http.host", dev ? "127.0.0.1" : "0.0.0.0");
        if (host != null && host.isBlank()) {
            raw.mistake("http.host", "must not be blank");
        }
        Integer port = raw.integer("http.port", 0, 65535, DEFAULT_HTTP_PORT);
        GatewayConfig.Tls tls = tls(raw);
        String baseUrl = baseUrl(raw, mode, port == null ? DEFAULT_HTTP_PORT : port, tls.terminates());
        Integer instances = raw.integer("http.instances", 1, 256, Runtime.getRuntime().availableProcessors());
        String redisUrl = redisUrl(raw, mode);
        Integer embeddedPort = raw.integer("redis.embedded.port", 0, 65535, 0);
        String fsync = raw.choice("redis.embedded.fsync", new String[] {"always", "everysec"}, name -> name, "always");
        Integer waitReplicas = raw.integer("redis.waitReplicas", 0, 16, 0);
        Integer waitMillis = raw.integer("redis.waitMillis", 1, 60_000, 1_000);
        Path dataDir = path(raw, "dataDir", DEFAULT_DATA_DIR);
        Boolean simEnabled = raw.bool("simulator.enabled", dev);
        Integer simPort = raw.integer("simulator.port", 0, 65535, DEFAULT_SIM_PORT);
        TrustAnchors anchors = raw.choice("trustAnchors", TrustAnchors.values(), TrustAnchors::id,
                dev ? TrustAnchors.SIM : TrustAnchors.JLIS);

        GatewayConfig.Revocation revocation = revocation(raw, mode, dev);
        GatewayConfig.Oidc oidc = oidc(raw, mode);
        GatewayConfig.Keys keys = keys(raw, mode);
        GatewayConfig.Admin admin = admin(raw, dev);
        Integer adminPort = admin == null || !admin.enabled() || admin.port() == 0 ? null : admin.port();
        if (adminPort != null && (adminPort.equals(port) || Boolean.TRUE.equals(simEnabled) && adminPort.equals(simPort))) {
            raw.mistake("admin.port", "must differ from http.port and simulator.port, got " + admin.port());
        }

        MetricsSettings metrics = MetricsSettings.read(raw, dev);
        ShutdownSettings shutdown = ShutdownSettings.read(raw);
        LimitSettings limits = LimitSettings.read(raw);
        if (metrics != null && metrics.enabled() && metrics.port() != 0 && (metrics.port() == (port == null ? -1 : port)
                || metrics.port() == (adminPort == null ? -1 : adminPort)
                || Boolean.TRUE.equals(simEnabled) && simPort != null && metrics.port() == simPort)) {
            raw.mistake("metrics.port", "must differ from http.port, admin.port and simulator.port, got " + metrics.port());
        }
        if (mode == Mode.PROD && Boolean.TRUE.equals(simEnabled)) {
            raw.mistake("simulator.enabled", "must be false in prod mode");
        }
        if (mode == Mode.PROD && !raw.isSet("jlis.url")) {
            raw.mistake("jlis.url", "is required in prod mode (set JPKI_GATE_JLIS_URL)");
        }
        if (mode == Mode.PROD && anchors == TrustAnchors.SIM) {
            raw.mistake("trustAnchors", "must be jlis in prod mode, got sim");
        }
        if (Boolean.TRUE.equals(simEnabled) && simPort != null && simPort.equals(port) && simPort != 0) {
            raw.mistake("simulator.port", "must differ from http.port, both are " + port);
        }
        if (!raw.mistakes().isEmpty()) {
            return null;
        }
        return new GatewayConfig(mode, new GatewayConfig.Http(host, port, baseUrl, instances, tls),
                new GatewayConfig.RedisSettings(redisUrl, embeddedPort, fsync,
                        new GatewayConfig.ReplicaWait(waitReplicas, Duration.ofMillis(waitMillis))), dataDir,
                new GatewayConfig.Simulator(simEnabled, simPort), anchors, revocation, oidc, keys, admin,
                new GatewayConfig.Jlis(httpUrl(raw, "jlis.url")), metrics, shutdown, limits);
    }

    /**
     * TLS termination (certificate and key go together) and clients' certificates: a client CA bundle
     * needs a source of certificates (this listener's TLS, or a trusted proxy's header); the header
     * must be a header name of its own.
     */
    private static GatewayConfig.Tls tls(RawSettings raw) {
        Path cert = raw.isSet("http.tls.certFile") ? path(raw, "http.tls.certFile", "") : null;
        Path key = raw.isSet("http.tls.keyFile") ? path(raw, "http.tls.keyFile", "") : null;
        Path cas = raw.isSet("http.tls.clientCaFile") ? path(raw, "http.tls.clientCaFile", "") : null;
        String header = raw.string("http.tls.clientCertHeader", null);
        if (raw.isSet("http.tls.certFile") != raw.isSet("http.tls.keyFile")) {
            raw.mistake("http.tls", "certFile and keyFile go together");
        }
        if (header != null && !MtlsOptions.isHeaderName(header)) {
            raw.mistake("http.tls.clientCertHeader", "must be a header name of its own (such as Client-Cert or X-Client-Cert),"
                    + " got " + header);
            header = null;
        }
        if (raw.isSet("http.tls.clientCaFile") && !raw.isSet("http.tls.certFile") && !raw.isSet("http.tls.clientCertHeader")) {
            raw.mistake("http.tls.clientCaFile", "needs client certificates: set http.tls.certFile (the gateway terminates TLS)"
                    + " or http.tls.clientCertHeader (a trusted TLS proxy forwards them)");
        }
        return new GatewayConfig.Tls(cert, key, cas, header);
    }

    /** In prod the pairwise secret comes from a file (a mounted Secret); signing keys are in Redis (see {@link #keys}). */
    private static GatewayConfig.Oidc oidc(RawSettings raw, Mode mode) {
        Path keys = raw.isSet("oidc.keysDir") ? path(raw, "oidc.keysDir", "") : null;
        Path clients = raw.isSet("oidc.clientsFile") ? path(raw, "oidc.clientsFile", "") : null;
        Path secret = raw.isSet("oidc.pairwiseSecretFile") ? path(raw, "oidc.pairwiseSecretFile", "") : null;
        if (mode == Mode.PROD && secret == null && !raw.isSet("oidc.pairwiseSecretFile")) {
            raw.mistake("oidc.pairwiseSecretFile", "is required in prod mode (set JPKI_GATE_OIDC_PAIRWISE_SECRET_FILE)");
        }
        Boolean dpopNonces = raw.bool("oidc.dpopNonces", true);
        Integer idle = raw.integer("oidc.sessionIdleMinutes", 1, 720, (int) GatewayConfig.DEFAULT_SESSION_IDLE.toMinutes());
        Integer max = raw.integer("oidc.sessionMaxMinutes", 1, 10_080, (int) GatewayConfig.DEFAULT_SESSION_MAX.toMinutes());
        if (idle != null && max != null && max < idle) {
            raw.mistake("oidc.sessionMaxMinutes", "must be at least oidc.sessionIdleMinutes (" + idle + ")");
        }
        return new GatewayConfig.Oidc(keys, clients, secret, httpUrl(raw, "oidc.linkageUrl"),
                !Boolean.FALSE.equals(dpopNonces), Duration.ofMinutes(idle == null ? 0 : idle),
                Duration.ofMinutes(max == null ? 0 : max));
    }

    /** Signing key rotation; in prod the key-encryption key comes from a file (a mounted Secret). */
    private static GatewayConfig.Keys keys(RawSettings raw, Mode mode) {
        Path kek = raw.isSet("keys.encryptionKeyFile") ? path(raw, "keys.encryptionKeyFile", "") : null;
        if (mode == Mode.PROD && !raw.isSet("keys.encryptionKeyFile")) {
            raw.mistake("keys.encryptionKeyFile", "is required in prod mode (set JPKI_GATE_KEYS_ENCRYPTION_KEY_FILE)");
        }
        String algorithm = raw.choice("keys.algorithm", new String[] {"ES256", "PS256", "EdDSA"}, name -> name, "ES256");
        Integer propagation = raw.integer("keys.propagationSeconds", 300, 7 * 86_400, 3600);
        Integer rotation = raw.integer("keys.rotationDays", 0, 3650, 90);
        if (propagation != null && rotation != null && rotation != 0 && rotation * 86_400L < propagation + 86_400L) {
            raw.mistake("keys.rotationDays", "must be 0 (on request only) or at least a day longer than keys.propagationSeconds");
        }
        if (algorithm == null || propagation == null || rotation == null) {
            return null;
        }
        return new GatewayConfig.Keys(kek, algorithm, Duration.ofSeconds(propagation), Duration.ofDays(rotation));
    }

    /** The admin API: on with configured tokens, or in dev (a token generated at start); a free port by default in dev. */
    private static GatewayConfig.Admin admin(RawSettings raw, boolean dev) {
        String host = raw.string("admin.host", dev ? "127.0.0.1" : "0.0.0.0");
        Integer port = raw.integer("admin.port", 0, 65535, dev ? 0 : DEFAULT_ADMIN_PORT);
        Map<String, String> tokens = raw.clientHashes("admin.tokens");
        Integer sync = raw.integer("admin.syncSeconds", 1, 300, 5);
        if (host == null || port == null || tokens == null || sync == null) {
            return null;
        }
        return new GatewayConfig.Admin(dev || !tokens.isEmpty(), host, port, tokens, Duration.ofSeconds(sync));
    }

    /** The revocation cache: in prod a publisher URL and an OCSP responder identity are required. */
    private static GatewayConfig.Revocation revocation(RawSettings raw, Mode mode, boolean dev) {
        String publisher = httpUrl(raw, "revocation.publisherUrl");
        if (mode == Mode.PROD && publisher == null && !raw.isSet("revocation.publisherUrl")) {
            raw.mistake("revocation.publisherUrl", "is required in prod mode (set JPKI_GATE_REVOCATION_URL)");
        }
        Integer refresh = raw.integer("revocation.refreshSeconds", 1, 86_400, dev ? 10 : 900);
        Integer grace = raw.integer("revocation.graceSeconds", 0, 7 * 86_400, 3600);
        Map<String, String> clients = raw.clientHashes("revocation.clients");
        Path cert = raw.isSet("revocation.ocspResponder.certFile") ? path(raw, "revocation.ocspResponder.certFile", "") : null;
        Path key = raw.isSet("revocation.ocspResponder.keyFile") ? path(raw, "revocation.ocspResponder.keyFile", "") : null;
        if ((cert == null) != (key == null)) {
            raw.mistake("revocation.ocspResponder", "certFile and keyFile go together");
        }
        if (mode == Mode.PROD && cert == null) {
            raw.mistake("revocation.ocspResponder", "certFile and keyFile are required in prod mode");
        }
        if (refresh == null || grace == null || clients == null) {
            return null;
        }
        return new GatewayConfig.Revocation(publisher, Duration.ofSeconds(refresh),
                Duration.ofSeconds(grace), clients, cert, key);
    }

    /** An optional http(s) URL; {@code null} when unset or after a mistake. */
    private static String httpUrl(RawSettings raw, String key) {
        String url = raw.string(key, null);
        if (url != null && !url.matches("https?://[^\\s]+")) {
            raw.mistake(key, "must be an http(s) URL, got " + url);
            return null;
        }
        return url;
    }

    /** An absolute http(s) URL without query or fragment, trailing slash removed; https in prod (and by default with TLS). */
    private static String baseUrl(RawSettings raw, Mode mode, int port, boolean tls) {
        String key = "http.publicBaseUrl";
        String text = raw.string(key, (tls ? "https" : "http") + "://localhost:" + port);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                raw.mistake(key, "must be an http(s) URL with a host and no user, query or fragment, got "
                        + Secrets.maskUrl(text));
                return null;
            }
        } catch (URISyntaxException e) {
            raw.mistake(key, "must be a URL, got " + Secrets.maskUrl(text));
            return null;
        }
        if (mode == Mode.PROD && !text.startsWith("https://")) {
            raw.mistake(key, "must be an https URL in prod mode (the OpenID issuer), got " + text);
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** A connection string of {@link RedisTopology#SCHEMES} (standalone, Sentinel, Cluster); required in prod. */
    private static String redisUrl(RawSettings raw, Mode mode) {
        String key = "redis.url";
        String url = raw.string(key, null);
        if (url == null) {
            if (mode == Mode.PROD && !raw.isSet(key)) {
                raw.mistake(key, "is required in prod mode (set REDIS_URL)");
            }
            return null;
        }
        boolean known = RedisTopology.isKnown(url);
        if (!known) {
            raw.mistake(key, "must start with " + RedisTopology.SCHEMES + ", got " + raw.shown(key));
        }
        return known ? url : null;
    }

    private static Path path(RawSettings raw, String key, String fallback) {
        String text = raw.string(key, fallback);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            raw.mistake(key, "must not be blank");
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            raw.mistake(key, "is not a valid path, got " + text);
            return null;
        }
    }
}
