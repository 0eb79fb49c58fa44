package jp.jpkigate.feed.set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.FeedEncryptionKeys;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.key.SigningKeys;

/**
 * Issues the feed's Security Event Tokens (RFC 8417) as nested JWTs (RFC 7519 §5.2, §11.2: sign,
 * then encrypt):
 * <ol>
 *   <li>the claims of {@link SetClaims}, signed with the OP's current signing key
 *       ({@link SigningKeys}: ES256 by default, with BouncyCastle), header
 *       {@code {"alg", "kid", "typ": "secevent+jwt"}};</li>
 *   <li>that JWS encrypted to the business's {@code "use": "enc"} key ({@link FeedEncryptionKeys}),
 *       compact JWE with header {@code {"alg": "ECDH-ES+A256KW" | "RSA-OAEP-256", "enc": "A256GCM",
 *       "cty": "JWT", "kid": <the business key's kid>}} (and {@code epk} for ECDH-ES).</li>
 * </ol>
 * Thread-safe.
 */
public final class SetIssuer {
    private static final int JTI_BYTES = 16;

    private final String issuer;
    private final SigningKeys keys;
    private final Clock clock;
    private final SecureRandom random;

    public SetIssuer(String issuer, SigningKeys keys, Clock clock, SecureRandom random) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A SET for a client with inline encryption keys ({@code jwks}); a {@code jwks_uri} client's key is
     * fetched by the caller and given to {@link #issue(String, JWK, SecurityEvent, Optional)}.
     *
     * @throws IllegalArgumentException when the client registered no encryption key inline
     */
    public IssuedSet issue(RegisteredClient client, SecurityEvent event, Optional<String> txn) {
        JWK key = FeedEncryptionKeys.choose(client.feed().encryptionKeys()).orElseThrow(() ->
                new IllegalArgumentException("client " + client.clientId() + " registered no inline encryption key"));
        return issue(client.clientId(), key, event, txn);
    }

    /**
     * @param clientId      the business: the SET's {@code aud}
     * @param encryptionKey the business's public {@code enc} key (EC P-256 or RSA &ge; 2048, with {@code kid})
     * @throws IllegalArgumentException when the key is not an acceptable encryption key
     */
    public IssuedSet issue(String clientId, JWK encryptionKey, SecurityEvent event, Optional<String> txn) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(event, "event");
        if (FeedEncryptionKeys.of(new JWKSet(encryptionKey)).getKeys().isEmpty()) {
            throw new IllegalArgumentException("not a public \"use\": \"enc\" EC P-256 or RSA >= 2048 key with a kid");
        }
        JWEAlgorithm alg = FeedEncryptionKeys.algorithmOf(encryptionKey).orElseThrow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String jti = jti();
        SignedJWT signed = keys.sign(SetClaims.build(issuer, clientId, now, jti, txn, event), EventTypes.SECEVENT_JWT);
        JWEHeader header = new JWEHeader.Builder(alg, FeedEncryptionKeys.CONTENT_ENCRYPTION)
                .contentType("JWT")
                .keyID(encryptionKey.getKeyID())
                .build();
        JWEObject jwe = new JWEObject(header, new Payload(signed));
        try {
            jwe.encrypt(encrypter(alg, encryptionKey));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("encryption to key " + encryptionKey.getKeyID() + " failed", e);
        }
        return new IssuedSet(jwe.serialize(), jti, event.consentId(), clientId);
    }

    private static JWEEncrypter encrypter(JWEAlgorithm alg, JWK key) throws JOSEException {
        if (FeedEncryptionKeys.EC_ALGORITHM.equals(alg)) {
            ECDHEncrypter ecdh = new ECDHEncrypter(key.toECKey());
            // BouncyCastle for the ephemeral key and the key agreement; AES-GCM stays with the JDK (AES-NI).
            ecdh.getJCAContext().setKeyEncryptionProvider(Jca.BC);
            return ecdh;
        }
        return new RSAEncrypter(key.toRSAKey());
    }

    private String jti() {
        byte[] bytes = new byte[JTI_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
