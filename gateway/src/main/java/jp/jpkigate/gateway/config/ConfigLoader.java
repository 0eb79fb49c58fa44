package jp.jpkigate.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the {@link GatewayConfig} from an optional JSON file plus environment overrides, and
 * validates it, reporting every mistake at once. The environment is passed in (never read from
 * {@code System.getenv()} here), so tests can supply any.
 *
 * <p>Environment variables: {@code JPKI_GATE_CONFIG} (file, when no {@code --config} argument),
 * {@code JPKI_GATE_MODE}, {@code JPKI_GATE_HTTP_HOST}, {@code JPKI_GATE_HTTP_PORT},
 * {@code JPKI_GATE_PUBLIC_URL}, {@code JPKI_GATE_HTTP_INSTANCES}, {@code REDIS_URL}, {@code JPKI_GATE_DATA_DIR},
 * {@code JPKI_GATE_SIM_ENABLED}, {@code JPKI_GATE_SIM_PORT}, {@code JPKI_GATE_REVOCATION_URL},
 * {@code JPKI_GATE_REVOCATION_REFRESH_SECONDS}, {@code JPKI_GATE_REVOCATION_GRACE_SECONDS},
 * {@code JPKI_GATE_REVOCATION_CLIENTS}, {@code JPKI_GATE_OCSP_CERT_FILE}, {@code JPKI_GATE_OCSP_KEY_FILE},
 * {@code JPKI_GATE_OIDC_KEYS_DIR}, {@code JPKI_GATE_OIDC_CLIENTS_FILE}, {@code JPKI_GATE_OIDC_PAIRWISE_SECRET_FILE},
 * {@code JPKI_GATE_OIDC_LINKAGE_URL}, {@code JPKI_GATE_OIDC_DPOP_NONCES}, {@code JPKI_GATE_OIDC_SESSION_IDLE_MINUTES},
 * {@code JPKI_GATE_OIDC_SESSION_MAX_MINUTES}, {@code JPKI_GATE_KEYS_ENCRYPTION_KEY_FILE},
 * {@code JPKI_GATE_KEYS_ALGORITHM}, {@code JPKI_GATE_KEYS_PROPAGATION_SECONDS}, {@code JPKI_GATE_KEYS_ROTATION_DAYS},
 * {@code JPKI_GATE_ADMIN_HOST}, {@code JPKI_GATE_ADMIN_PORT}, {@code JPKI_GATE_ADMIN_TOKENS},
 * {@code JPKI_GATE_ADMIN_SYNC_SECONDS}, {@code JPKI_GATE_TLS_CERT_FILE}, {@code JPKI_GATE_TLS_KEY_FILE},
 * {@code JPKI_GATE_TLS_CLIENT_CA_FILE}, {@code JPKI_GATE_TLS_CLIENT_CERT_HEADER}, {@code JPKI_GATE_METRICS_ENABLED},
 * {@code JPKI_GATE_METRICS_HOST}, {@code JPKI_GATE_METRICS_PORT}, {@code JPKI_GATE_SHUTDOWN_DELAY_SECONDS},
 * {@code JPKI_GATE_SHUTDOWN_DRAIN_SECONDS}.
 * Blank values count as unset.
 */
public final class ConfigLoader {
    /** Environment variable naming the JSON config file. */
    public static final String CONFIG_ENV = "JPKI_GATE_CONFIG";

    /** Environment variable → dotted config key. */
    static final Map<String, String> ENV_KEYS = Map.ofEntries(
            Map.entry("JPKI_GATE_MODE", "mode"),
            Map.entry("JPKI_GATE_HTTP_HOST", "http.host"),
            Map.entry("JPKI_GATE_HTTP_PORT", "http.port"),
            Map.entry("JPKI_GATE_PUBLIC_URL", "http.publicBaseUrl"),
            Map.entry("JPKI_GATE_HTTP_INSTANCES", "http.instances"),
            Map.entry("REDIS_URL", "redis.url"),
            Map.entry("JPKI_GATE_REDIS_FSYNC", "redis.embedded.fsync"),
            Map.entry("JPKI_GATE_REDIS_WAIT_REPLICAS", "redis.waitReplicas"),
            Map.entry("JPKI_GATE_REDIS_WAIT_MILLIS", "redis.waitMillis"),
            Map.entry("JPKI_GATE_JLIS_URL", "jlis.url"),
            Map.entry("JPKI_GATE_DATA_DIR", "dataDir"),
            Map.entry("JPKI_GATE_SIM_ENABLED", "simulator.enabled"),
            Map.entry("JPKI_GATE_SIM_PORT", "simulator.port"),
            Map.entry("JPKI_GATE_REVOCATION_URL", "revocation.publisherUrl"),
            Map.entry("JPKI_GATE_REVOCATION_REFRESH_SECONDS", "revocation.refreshSeconds"),
            Map.entry("JPKI_GATE_REVOCATION_GRACE_SECONDS", "revocation.graceSeconds"),
            Map.entry("JPKI_GATE_REVOCATION_CLIENTS", "revocation.clients"),
            Map.entry("JPKI_GATE_OCSP_CERT_FILE", "revocation.ocspResponder.certFile"),
            Map.entry("JPKI_GATE_OCSP_KEY_FILE", "revocation.ocspResponder.keyFile"),
            Map.entry("JPKI_GATE_OIDC_KEYS_DIR", "oidc.keysDir"),
            Map.entry("JPKI_GATE_OIDC_CLIENTS_FILE", "oidc.clientsFile"),
            Map.entry("JPKI_GATE_OIDC_PAIRWISE_SECRET_FILE", "oidc.pairwiseSecretFile"),
            Map.entry("JPKI_GATE_OIDC_LINKAGE_URL", "oidc.linkageUrl"),
            Map.entry("JPKI_GATE_OIDC_DPOP_NONCES", "oidc.dpopNonces"),
            Map.entry("JPKI_GATE_OIDC_SESSION_IDLE_MINUTES", "oidc.sessionIdleMinutes"),
            Map.entry("JPKI_GATE_OIDC_SESSION_MAX_MINUTES", "oidc.sessionMaxMinutes"),
            Map.entry("JPKI_GATE_KEYS_ENCRYPTION_KEY_FILE", "keys.encryptionKeyFile"),
            Map.entry("JPKI_GATE_KEYS_ALGORITHM", "keys.algorithm"),
            Map.entry("JPKI_GATE_KEYS_PROPAGATION_SECONDS", "keys.propagationSeconds"),
            Map.entry("JPKI_GATE_KEYS_ROTATION_DAYS", "keys.rotationDays"),
            Map.entry("JPKI_GATE_ADMIN_HOST", "admin.host"),
            Map.entry("JPKI_GATE_ADMIN_PORT", "admin.port"),
            Map.entry("JPKI_GATE_ADMIN_TOKENS", "admin.tokens"),
            Map.entry("JPKI_GATE_ADMIN_SYNC_SECONDS", "admin.syncSeconds"),
            Map.entry("JPKI_GATE_TLS_CERT_FILE", "http.tls.certFile"),
            Map.entry("JPKI_GATE_TLS_KEY_FILE", "http.tls.keyFile"),
            Map.entry("JPKI_GATE_TLS_CLIENT_CA_FILE", "http.tls.clientCaFile"),
            Map.entry("JPKI_GATE_TLS_CLIENT_CERT_HEADER", "http.tls.clientCertHeader"),
            Map.entry("JPKI_GATE_METRICS_ENABLED", "metrics.enabled"),
            Map.entry("JPKI_GATE_METRICS_HOST", "metrics.host"),
            Map.entry("JPKI_GATE_METRICS_PORT", "metrics.port"),
            Map.entry("JPKI_GATE_SHUTDOWN_DELAY_SECONDS", "shutdown.delaySeconds"),
            Map.entry("JPKI_GATE_SHUTDOWN_DRAIN_SECONDS", "shutdown.drainSeconds"),
            Map.entry("JPKI_GATE_LIMITS_REQUEST_HEAD_SECONDS", "limits.requestHeadSeconds"),
            Map.entry("JPKI_GATE_LIMITS_KEEP_ALIVE_SECONDS", "limits.keepAliveSeconds"),
            Map.entry("JPKI_GATE_LIMITS_REQUEST_BODY_SECONDS", "limits.requestBodySeconds"),
            Map.entry("JPKI_GATE_LIMITS_CLIENT_REQUESTS_PER_MINUTE", "limits.clientRequestsPerMinute"),
            Map.entry("JPKI_GATE_LIMITS_CLIENT_REQUEST_BURST", "limits.clientRequestBurst"));

    private ConfigLoader() {
    }

    /**
     * Reads the file ({@code file}, else {@code JPKI_GATE_CONFIG}, else none) and applies {@code env}.
     * Blocking file I/O: call it before Vert.x starts or on a worker.
     */
    public static GatewayConfig load(Optional<Path> file, Map<String, String> env) throws ConfigException {
        Optional<String> chosen = file.map(Path::toString)
                .or(() -> Optional.ofNullable(env.get(CONFIG_ENV)).filter(name -> !name.isBlank()));
        if (chosen.isEmpty()) {
            return parse(null, env);
        }
        try {
            return parse(Files.readString(Path.of(chosen.get())), env);
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(List.of(
                    "config: cannot read file " + chosen.get() + " (" + e.getClass().getSimpleName() + ")"));
        }
    }

    /** Builds the config from JSON text ({@code null} for none) and {@code env}. */
    public static GatewayConfig parse(String json, Map<String, String> env) throws ConfigException {
        RawSettings raw = new RawSettings();
        if (json != null) {
            readJson(json, raw);
        }
        ENV_KEYS.forEach((envName, key) -> raw.readEnv(env, envName, key));
        GatewayConfig config = ConfigValidator.build(raw);
        if (!raw.mistakes().isEmpty()) {
            throw new ConfigException(raw.mistakes());
        }
        return config;
    }

    private static void readJson(String json, RawSettings raw) {
        Object document;
        try {
            document = Json.decodeValue(json);
        } catch (DecodeException e) {
            raw.mistake("config", "not valid JSON" + location(e));
            return;
        }
        if (document instanceof JsonObject object) {
            raw.readJson(object, "");
        } else {
            raw.mistake("config", "must be a JSON object");
        }
    }

    /** Where the JSON broke, without echoing its text (it may hold a password). */
    private static String location(DecodeException e) {
        if (e.getCause() instanceof JsonProcessingException cause && cause.getLocation() != null) {
            return " at line " + cause.getLocation().getLineNr() + ", column " + cause.getLocation().getColumnNr();
        }
        return "";
    }
}
