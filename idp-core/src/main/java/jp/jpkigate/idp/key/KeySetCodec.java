package jp.jpkigate.idp.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link KeySet} as the JSON document replicas share, private parts sealed with the
 * {@link KeyEncryptionKey}:
 * <pre>
 * {"format": 1, "kek": "&lt;key-encryption key id&gt;",
 *  "keys": [{"kid", "alg", "state": "next|current|retiring", "published_at", "activated_at",
 *            "retired_at", "remove_after" (ISO-8601, when set), "sealed": base64url(AES-GCM of the private JWK)}]}
 * </pre>
 * Decoding fails with a {@link KeyLoadException} that names the problem and never quotes key
 * material; a document sealed with another key-encryption key says so first.
 */
public final class KeySetCodec {
    static final int FORMAT = 1;
    private static final String AAD = "jpkigate signing key ";

    private final KeyEncryptionKey kek;

    public KeySetCodec(KeyEncryptionKey kek) {
        this.kek = Objects.requireNonNull(kek, "kek");
    }

    public String encode(KeySet set) {
        List<Object> keys = new ArrayList<>();
        for (ManagedKey key : set.keys()) {
            Map<String, Object> json = key.toPublicJsonObject();
            byte[] sealed = kek.seal(key.privateKey().toJSONString().getBytes(StandardCharsets.UTF_8), AAD + key.kid());
            json.put("sealed", Base64.getUrlEncoder().withoutPadding().encodeToString(sealed));
            keys.add(json);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("kek", kek.id());
        document.put("keys", keys);
        return JSONObjectUtils.toJSONString(document);
    }

    public KeySet decode(String json) throws KeyLoadException {
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(json);
        } catch (java.text.ParseException | RuntimeException e) {
            throw malformed("not a JSON object");
        }
        Object stored = document.get("kek");
        if (!kek.id().equals(stored)) {
            throw new KeyLoadException(List.of("the signing keys in Redis were sealed with key-encryption key "
                    + (stored instanceof String s ? s : "(unknown)") + ", but this replica has key-encryption key " + kek.id()
                    + ": give every replica the same key (keys.encryptionKeyFile), or remove the key set to start afresh"));
        }
        if (!Long.valueOf(FORMAT).equals(number(document.get("format")))) {
            throw malformed("unknown format");
        }
        if (!(document.get("keys") instanceof List<?> list)) {
            throw malformed("no keys");
        }
        List<ManagedKey> keys = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> entry)) {
                throw malformed("a key is not an object");
            }
            keys.add(key(entry));
        }
        try {
            return new KeySet(keys);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private ManagedKey key(Map<?, ?> entry) throws KeyLoadException {
        String kid = text(entry, "kid");
        KeyState state = KeyState.parse(text(entry, "state")).orElseThrow(() -> malformed("key " + kid + ": unknown state"));
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(text(entry, "sealed"));
        } catch (IllegalArgumentException e) {
            throw malformed("key " + kid + ": sealed is not base64url");
        }
        JWK jwk;
        try {
            jwk = JWK.parse(new String(kek.open(sealed, AAD + kid), StandardCharsets.UTF_8));
        } catch (java.text.ParseException e) {
            throw malformed("key " + kid + ": not a JWK");
        }
        if (!kid.equals(jwk.getKeyID())) {
            throw malformed("key " + kid + ": kid does not match the sealed key");
        }
        try {
            Instant published = instant(entry, "published_at").orElseThrow(() -> malformed("key " + kid + ": no published_at"));
            return new ManagedKey(jwk, state, published, instant(entry, "activated_at"), instant(entry, "retired_at"),
                    instant(entry, "remove_after"));
        } catch (IllegalArgumentException e) {
            throw malformed("key " + kid + ": " + e.getMessage());
        }
    }

    private static String text(Map<?, ?> entry, String name) throws KeyLoadException {
        if (entry.get(name) instanceof String s) {
            return s;
        }
        throw malformed("a key has no " + name);
    }

    private static Optional<Instant> instant(Map<?, ?> entry, String name) throws KeyLoadException {
        Object value = entry.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse((String) value));
        } catch (RuntimeException e) {
            throw malformed(name + " is not an ISO-8601 instant");
        }
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static KeyLoadException malformed(String what) {
        return new KeyLoadException(List.of("the key set in Redis is malformed: " + what));
    }
}
