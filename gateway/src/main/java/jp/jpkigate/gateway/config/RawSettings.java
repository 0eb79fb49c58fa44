package jp.jpkigate.gateway.config;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.LinkedHashMap;

/**
 * The settings as written, flattened to dotted keys ({@code http.port}), before typing. Reads a
 * JSON object and then environment overrides; typed getters record a mistake instead of throwing.
 */
final class RawSettings {
    static final Set<String> SECTIONS = Set.of("http", "http.tls", "redis", "redis.embedded", "simulator", "revocation",
            "revocation.ocspResponder", "oidc", "keys", "admin", "jlis", "metrics", "shutdown", "limits");
    static final Set<String> KEYS = Set.of("mode", "http.host", "http.port", "http.publicBaseUrl", "http.instances",
            "redis.url", "redis.embedded.port", "redis.embedded.fsync", "redis.waitReplicas", "redis.waitMillis", "jlis.url", "dataDir", "simulator.enabled", "simulator.port", "trustAnchors",
            "revocation.publisherUrl", "revocation.refreshSeconds", "revocation.graceSeconds", "revocation.clients",
            "revocation.ocspResponder.certFile", "revocation.ocspResponder.keyFile",
            "oidc.keysDir", "oidc.clientsFile", "oidc.pairwiseSecretFile", "oidc.linkageUrl", "oidc.dpopNonces",
            "oidc.sessionIdleMinutes", "oidc.sessionMaxMinutes",
            "keys.encryptionKeyFile", "keys.algorithm", "keys.propagationSeconds", "keys.rotationDays",
            "admin.host", "admin.port", "admin.tokens", "admin.syncSeconds",
            "http.tls.certFile", "http.tls.keyFile", "http.tls.clientCaFile", "http.tls.clientCertHeader",
            "metrics.enabled", "metrics.host", "metrics.port", "shutdown.delaySeconds", "shutdown.drainSeconds",
            "limits.requestHeadSeconds", "limits.keepAliveSeconds", "limits.requestBodySeconds", "limits.clientRequestsPerMinute",
            "limits.clientRequestBurst");
    static final String SECRET_KEY = "redis.url";

    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, String> envNames = new HashMap<>();
    private final List<String> mistakes = new ArrayList<>();

    /** Reads one JSON object level; unknown keys and misplaced values become mistakes. */
    void readJson(JsonObject object, String prefix) {
        for (String name : object.fieldNames()) {
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            Object value = object.getValue(name);
            if (SECTIONS.contains(key)) {
                if (value instanceof JsonObject section) {
                    readJson(section, key);
                } else if (value != null) {
                    mistake(key, "must be a JSON object");
                }
            } else if (KEYS.contains(key)) {
                if (value != null) {
                    values.put(key, value);
                }
            } else {
                mistake(key, "unknown key");
            }
        }
    }

    /** Applies an environment variable, if set and not blank, over the key's JSON value. */
    void readEnv(Map<String, String> env, String envName, String key) {
        String value = env.get(envName);
        if (value != null && !value.isBlank()) {
            values.put(key, value.trim());
            envNames.put(key, envName);
        }
    }

    void mistake(String key, String text) {
        String env = envNames.get(key);
        mistakes.add(key + ": " + text + (env == null ? "" : " (from " + env + ")"));
    }

    List<String> mistakes() {
        return mistakes;
    }

    boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** The value as it may be shown in a message: secrets masked. */
    String shown(String key) {
        String text = String.valueOf(values.get(key));
        return SECRET_KEY.equals(key) ? Secrets.maskUrl(text) : text;
    }

    /** A string, or {@code fallback} when unset; {@code null} after a mistake. */
    String string(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String text) {
            return text;
        }
        mistake(key, "must be a string, got " + shown(key));
        return null;
    }

    /** An integer within {@code min..max}, or {@code fallback} when unset; {@code null} after a mistake. */
    Integer integer(String key, int min, int max, int fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger || value instanceof String text && text.matches("-?[0-9]+");
        if (!integral) {
            mistake(key, "must be an integer, got " + shown(key));
            return null;
        }
        BigInteger number = new BigInteger(value.toString());
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            mistake(key, "must be " + min + ".." + max + ", got " + shown(key));
            return null;
        }
        return number.intValue();
    }

    /** A boolean ({@code true}/{@code false}), or {@code fallback} when unset; {@code null} after a mistake. */
    Boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.parseBoolean(lower);
            }
        }
        mistake(key, "must be true or false, got " + shown(key));
        return null;
    }

    /**
     * A map of client id to the SHA-256 hex of its secret: a JSON object, or from the environment
     * {@code id=hash,id2=hash}. Empty when unset; {@code null} after a mistake. Never shows a value.
     */
    Map<String, String> clientHashes(String key) {
        Object value = values.get(key);
        Map<String, String> clients = new LinkedHashMap<>();
        if (value == null) {
            return clients;
        }
        if (value instanceof JsonObject object) {
            object.forEach(entry -> clients.put(entry.getKey(), String.valueOf(entry.getValue())));
        } else if (value instanceof String text) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    mistake(key, "must be a list of id=sha256hex pairs separated by commas");
                    return null;
                }
                clients.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        } else {
            mistake(key, "must be an object of client id to the SHA-256 hex of its secret");
            return null;
        }
        for (Map.Entry<String, String> client : clients.entrySet()) {
            if (client.getKey().isBlank() || !client.getValue().matches("[0-9a-fA-F]{64}")) {
                mistake(key, "client '" + client.getKey() + "' needs a non-blank id and a 64-digit hex SHA-256 of its secret");
                return null;
            }
        }
        return clients;
    }

    /** One of a fixed set of names, or {@code fallback} when unset; {@code null} after a mistake. */
    <T> T choice(String key, T[] options, Function<T, String> name, T fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (T option : options) {
            if (name.apply(option).equals(value)) {
                return option;
            }
            names.add(name.apply(option));
        }
        mistake(key, "must be one of " + String.join(", ", names) + ", got " + shown(key));
        return null;
    }
}
