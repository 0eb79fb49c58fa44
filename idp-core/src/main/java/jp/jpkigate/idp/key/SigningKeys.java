package jp.jpkigate.idp.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The OP's signing keys: one current key that signs, and the other published keys (the next key,
 * and older keys kept so tokens they signed keep verifying until they expire). Algorithms: ES256
 * (default), PS256, EdDSA (Ed25519), signed with BouncyCastle.
 *
 * <p>A <em>fixed</em> instance ({@link #of}, {@link #load}, {@link #generate}) never changes. A
 * <em>rotating</em> one ({@link #rotating}) follows a {@link KeySet} that {@link KeyRotation}
 * rotates: {@link #update} swaps an immutable snapshot, so signing and verification read memory
 * only, and retiring keys leave the JWKS and stop verifying at their removal time by the clock.
 *
 * <p>{@link #load(Path)} reads a directory such as a mounted Kubernetes Secret: every regular file
 * whose name does not start with {@code .} (the Secret's {@code ..data} links are skipped) and ends
 * in {@code .json} / {@code .jwk} (one private JWK) or {@code .pem} (PKCS#8 or SEC1 private key).
 * The file whose name sorts <em>last</em> holds the current key — name files by date, for example
 * {@code 2026-01-es256.pem}. A key without {@code kid} gets its RFC 7638 thumbprint; a JWK without
 * {@code alg} gets ES256 / PS256 / EdDSA by key type.
 *
 * <p>Private key material leaves this class only through {@link #loadPrivateKeys} (to be sealed into
 * the shared key set): {@link #publicJwks()}, {@link #verificationKey} and {@link #toString()} carry
 * public parts only.
 */
public final class SigningKeys {
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private final Clock clock;
    private final boolean rotating;
    private volatile Snapshot snapshot;
    private volatile Published published;

    /** One key: its public JWK as published ({@code use}, {@code alg}), a signer for the current one. */
    private record Entry(JWK privateKey, JWK publicKey, JWSAlgorithm algorithm, JWSSigner signer, KeyState state,
                         Instant removeAfter) {
        boolean publishedAt(Instant now) {
            return removeAfter == null || now.isBefore(removeAfter);
        }
    }

    /** Current first, then next, then retiring. */
    private record Snapshot(List<Entry> keys, Map<String, Entry> byKid) {
        Entry current() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("no signing key loaded yet");
            }
            return keys.get(0);
        }
    }

    /** The JWK Set of a snapshot, valid until {@code validUntil} (null: as long as the snapshot). */
    private record Published(Snapshot of, JWKSet jwks, Instant validUntil) {
    }

    private SigningKeys(List<Entry> keys, Clock clock, boolean rotating) {
        this.clock = clock;
        this.rotating = rotating;
        this.snapshot = snapshot(keys);
    }

    private static Snapshot snapshot(List<Entry> keys) {
        Map<String, Entry> byKid = new HashMap<>();
        keys.forEach(e -> byKid.put(e.privateKey().getKeyID(), e));
        return new Snapshot(List.copyOf(keys), Map.copyOf(byKid));
    }

    /**
     * An instance that follows a rotating {@link KeySet}; it has no key until the first
     * {@link #update}.
     *
     * @param clock decides when a retiring key stops being published
     */
    public static SigningKeys rotating(Clock clock) {
        return new SigningKeys(List.of(), Objects.requireNonNull(clock, "clock"), true);
    }

    /**
     * Takes the keys of {@code set}: the current one signs, all are published (retiring ones until
     * their removal time). Readers see the old or the new keys, never a mix.
     *
     * @throws KeyLoadException listing every unusable key; the keys in use stay as they were
     * @throws IllegalStateException on a fixed instance
     */
    public void update(KeySet set) throws KeyLoadException {
        if (!rotating) {
            throw new IllegalStateException("a fixed SigningKeys instance does not rotate");
        }
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        List<ManagedKey> ordered = new ArrayList<>();
        ordered.add(set.current());
        ordered.add(set.next());
        ordered.addAll(set.retiring());
        for (ManagedKey key : ordered) {
            entry(key.privateKey(), "key " + key.kid(), problems, kids, key.state(), key.removeAfter().orElse(null))
                    .ifPresent(entries::add);
        }
        if (!problems.isEmpty()) {
            throw new KeyLoadException(problems);
        }
        snapshot = snapshot(entries);
    }

    /**
     * The keys, current first. Each must be a private key of a supported algorithm with a unique kid.
     *
     * @throws KeyLoadException listing every unusable key
     */
    public static SigningKeys of(List<JWK> currentFirst) throws KeyLoadException {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (JWK jwk : currentFirst) {
            String name = "key " + jwk.getKeyID();
            entry(jwk, name, problems, kids, entries.isEmpty() ? KeyState.CURRENT : KeyState.RETIRING, null)
                    .ifPresent(entries::add);
        }
        if (currentFirst.isEmpty()) {
            problems.add("no signing key");
        }
        if (!problems.isEmpty()) {
            throw new KeyLoadException(problems);
        }
        return new SigningKeys(entries, Clock.systemUTC(), false);
    }

    private static java.util.Optional<Entry> entry(JWK jwk, String name, List<String> problems, Set<String> kids,
                                                   KeyState state, Instant removeAfter) {
        if (!jwk.isPrivate()) {
            problems.add(name + ": not a private key");
            return java.util.Optional.empty();
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            problems.add(name + ": \"use\" is not \"sig\"");
            return java.util.Optional.empty();
        }
        java.util.Optional<JWSAlgorithm> alg = JwsAlgorithms.algorithmOf(jwk);
        if (alg.isEmpty()) {
            problems.add(name + ": not an ES256 (P-256), PS256 (RSA >= 2048 bits) or EdDSA (Ed25519) key");
            return java.util.Optional.empty();
        }
        if (jwk.getKeyID() == null || !kids.add(jwk.getKeyID())) {
            problems.add(name + ": missing or repeated kid");
            return java.util.Optional.empty();
        }
        try {
            JWSSigner signer = state == KeyState.CURRENT ? JwsAlgorithms.signer(jwk, alg.get()) : null;
            return java.util.Optional.of(new Entry(jwk, publicJwk(jwk, alg.get()), alg.get(), signer, state, removeAfter));
        } catch (JOSEException e) {
            problems.add(name + ": unusable for signing");
            return java.util.Optional.empty();
        }
    }

    /**
     * Loads a key directory (see the class comment); never logs or reports key material. Blocking
     * file I/O: call it at startup or on a worker, never on an event loop.
     */
    public static SigningKeys load(Path directory) throws KeyLoadException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                        return n.endsWith(".json") || n.endsWith(".jwk") || n.endsWith(".pem");
                    })
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new KeyLoadException(List.of("cannot list key directory " + directory + ": " + e.getClass().getSimpleName()));
        }
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        List<Path> newestFirst = new ArrayList<>(files);
        java.util.Collections.reverse(newestFirst);
        for (Path file : newestFirst) {
            String name = file.getFileName().toString();
            JWK jwk;
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    problems.add(name + ": larger than 64 KiB");
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                jwk = name.toLowerCase(java.util.Locale.ROOT).endsWith(".pem") ? KeyFiles.parsePem(text) : KeyFiles.parseJwk(text);
            } catch (Exception e) {
                // The exception text of a key parser may quote key material: only its type is reported.
                problems.add(name + ": not a readable private key (" + e.getClass().getSimpleName() + ")");
                continue;
            }
            entry(jwk, name, problems, kids, entries.isEmpty() ? KeyState.CURRENT : KeyState.RETIRING, null)
                    .ifPresent(entries::add);
        }
        if (files.isEmpty()) {
            problems.add("no *.json, *.jwk or *.pem key file in " + directory);
        }
        if (!problems.isEmpty()) {
            throw new KeyLoadException(problems);
        }
        return new SigningKeys(entries, Clock.systemUTC(), false);
    }

    /**
     * The private keys of a key directory, current first (see {@link #load}), validated the same way:
     * only for importing them into the shared {@link KeySet} of a first start. Blocking file I/O.
     */
    public static List<JWK> loadPrivateKeys(Path directory) throws KeyLoadException {
        return load(directory).snapshot.keys().stream().map(Entry::privateKey).toList();
    }

    /** A fresh key for development (lost on restart): ES256, PS256 or EdDSA. */
    public static SigningKeys generate(JWSAlgorithm algorithm) {
        try {
            return of(List.of(generateKey(algorithm)));
        } catch (KeyLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh private JWK with a thumbprint kid, for development and tests. */
    public static JWK generateKey(JWSAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            JWK key;
            if (JWSAlgorithm.ES256.equals(algorithm)) {
                key = new ECKeyGenerator(Curve.P_256).provider(Jca.BC).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            } else if (JWSAlgorithm.PS256.equals(algorithm)) {
                key = new RSAKeyGenerator(2048).provider(Jca.BC).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            } else if (JWSAlgorithm.EdDSA.equals(algorithm)) {
                Ed25519PrivateKeyParameters d = new Ed25519PrivateKeyParameters(new SecureRandom());
                key = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(d.generatePublicKey().getEncoded()))
                        .d(Base64URL.encode(d.getEncoded())).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).build();
            } else {
                throw new IllegalArgumentException("signing algorithms: ES256, PS256, EdDSA; not " + algorithm);
            }
            return KeyFiles.withThumbprintKid(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    /** The kid of the current key. */
    public String currentKeyId() {
        return snapshot.current().privateKey().getKeyID();
    }

    /** The algorithm of the current key. */
    public JWSAlgorithm currentAlgorithm() {
        return snapshot.current().algorithm();
    }

    /** The algorithms of all published keys, current first. */
    public Set<JWSAlgorithm> algorithms() {
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        snapshot.keys().forEach(k -> algs.add(k.algorithm()));
        return algs;
    }

    /**
     * The public JWK Set (RFC 7517 §5): every published key (current, next, retiring ones before
     * their removal time), public parts only, each with {@code kid}, {@code use: sig} and {@code alg}.
     */
    public JWKSet publicJwks() {
        Snapshot keys = snapshot;
        Instant now = clock.instant();
        Published cached = published;
        if (cached != null && cached.of() == keys && (cached.validUntil() == null || now.isBefore(cached.validUntil()))) {
            return cached.jwks();
        }
        List<JWK> jwks = new ArrayList<>();
        Instant validUntil = null;
        for (Entry k : keys.keys()) {
            if (k.publishedAt(now)) {
                jwks.add(k.publicKey());
                if (k.removeAfter() != null && (validUntil == null || k.removeAfter().isBefore(validUntil))) {
                    validUntil = k.removeAfter();
                }
            }
        }
        JWKSet set = new JWKSet(jwks);
        published = new Published(keys, set, validUntil);
        return set;
    }

    /**
     * The public key (with {@code alg}) that verifies what the OP signed with {@code kid}: any
     * published key — current, retiring before its removal time, and next (another replica may have
     * rotated a moment before this one).
     */
    public Optional<JWK> verificationKey(String kid) {
        Entry key = kid == null ? null : snapshot.byKid().get(kid);
        return key != null && key.publishedAt(clock.instant()) ? Optional.of(key.publicKey()) : Optional.empty();
    }

    /** Signs claims with the current key; the header carries {@code alg}, {@code kid} and {@code typ}. */
    public SignedJWT sign(JWTClaimsSet claims, JOSEObjectType type) {
        Entry current = snapshot.current();
        JWSHeader header = new JWSHeader.Builder(current.algorithm())
                .keyID(current.privateKey().getKeyID())
                .type(type)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(current.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key " + current.privateKey().getKeyID() + " failed", e);
        }
        return jwt;
    }

    /** Signs with {@code typ: JWT}. */
    public SignedJWT sign(JWTClaimsSet claims) {
        return sign(claims, JOSEObjectType.JWT);
    }

    private static JWK publicJwk(JWK privateKey, JWSAlgorithm alg) {
        Map<String, Object> json = new LinkedHashMap<>(privateKey.toPublicJWK().toJSONObject());
        json.put("use", "sig");
        json.put("alg", alg.getName());
        try {
            return JWK.parse(json);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("a public JWK did not round-trip", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKeys" + snapshot.keys().stream()
                .map(k -> k.privateKey().getKeyID() + "/" + k.algorithm() + "/" + k.state().value()).toList();
    }
}
