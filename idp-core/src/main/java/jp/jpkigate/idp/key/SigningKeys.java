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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The OP's signing keys: one current key that signs, and older keys still published in the JWKS so
 * tokens they signed keep verifying until they expire. Algorithms: ES256 (default), PS256, EdDSA
 * (Ed25519), signed with BouncyCastle. Immutable; a rotation builds a new instance.
 *
 * <p>{@link #load(Path)} reads a directory such as a mounted Kubernetes Secret: every regular file
 * whose name does not start with {@code .} (the Secret's {@code ..data} links are skipped) and ends
 * in {@code .json} / {@code .jwk} (one private JWK) or {@code .pem} (PKCS#8 or SEC1 private key).
 * The file whose name sorts <em>last</em> holds the current key — name files by date, for example
 * {@code 2026-01-es256.pem}. A key without {@code kid} gets its RFC 7638 thumbprint; a JWK without
 * {@code alg} gets ES256 / PS256 / EdDSA by key type.
 *
 * <p>Private key material never leaves this class: {@link #publicJwks()} and {@link #toString()}
 * carry public parts only.
 */
public final class SigningKeys {
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private final List<Entry> keys;

    private record Entry(JWK privateKey, JWSAlgorithm algorithm, JWSSigner signer) {
    }

    private SigningKeys(List<Entry> keys) {
        this.keys = List.copyOf(keys);
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
            entry(jwk, name, problems, kids).ifPresent(entries::add);
        }
        if (currentFirst.isEmpty()) {
            problems.add("no signing key");
        }
        if (!problems.isEmpty()) {
            throw new KeyLoadException(problems);
        }
        return new SigningKeys(entries);
    }

    private static java.util.Optional<Entry> entry(JWK jwk, String name, List<String> problems, Set<String> kids) {
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
            return java.util.Optional.of(new Entry(jwk, alg.get(), JwsAlgorithms.signer(jwk, alg.get())));
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
            entry(jwk, name, problems, kids).ifPresent(entries::add);
        }
        if (files.isEmpty()) {
            problems.add("no *.json, *.jwk or *.pem key file in " + directory);
        }
        if (!problems.isEmpty()) {
            throw new KeyLoadException(problems);
        }
        return new SigningKeys(entries);
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
        return keys.get(0).privateKey().getKeyID();
    }

    /** The algorithm of the current key. */
    public JWSAlgorithm currentAlgorithm() {
        return keys.get(0).algorithm();
    }

    /** The algorithms of all published keys, current first. */
    public Set<JWSAlgorithm> algorithms() {
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        keys.forEach(k -> algs.add(k.algorithm()));
        return algs;
    }

    /**
     * The public JWK Set (RFC 7517 §5): every key, public parts only, each with {@code kid},
     * {@code use: sig} and {@code alg}.
     */
    public JWKSet publicJwks() {
        List<JWK> published = new ArrayList<>();
        for (Entry k : keys) {
            JWK pub = k.privateKey().toPublicJWK();
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(pub.toJSONObject());
            json.put("use", "sig");
            json.put("alg", k.algorithm().getName());
            try {
                published.add(JWK.parse(json));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("a public JWK did not round-trip", e);
            }
        }
        return new JWKSet(published);
    }

    /** Signs claims with the current key; the header carries {@code alg}, {@code kid} and {@code typ}. */
    public SignedJWT sign(JWTClaimsSet claims, JOSEObjectType type) {
        Entry current = keys.get(0);
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

    @Override
    public String toString() {
        return "SigningKeys" + keys.stream().map(k -> k.privateKey().getKeyID() + "/" + k.algorithm()).toList();
    }
}
