package jp.jpkigate.feed.receiver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.feed.set.EventTypes;
import jp.jpkigate.feed.set.MalformedEventException;
import jp.jpkigate.feed.set.SecurityEvent;
import jp.jpkigate.feed.set.SetClaims;
import jp.jpkigate.idp.client.FeedEncryptionKeys;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.key.JwsAlgorithms;

/**
 * What a business does with a SET of the feed (plain Java, no I/O; thread-safe when its
 * {@link ReplayGuard} is):
 * <ol>
 *   <li>a compact JWE ({@code invalid_request} otherwise, a bare JWS included): {@code alg}
 *       {@code ECDH-ES+A256KW} or {@code RSA-OAEP-256}, {@code enc} {@code A256GCM}, {@code cty}
 *       {@code JWT}, no {@code zip};</li>
 *   <li>its {@code kid} names one of the business's private keys, which decrypts it ({@code invalid_key});</li>
 *   <li>inside, a JWS ({@code authentication_failed} for an unsigned JWT) of ES256 / PS256 / EdDSA
 *       whose {@code kid} is in the OP's JWK Set ({@code invalid_key}) and whose signature verifies
 *       ({@code authentication_failed}); {@code typ} {@code secevent+jwt} ({@code invalid_request});</li>
 *   <li>{@code iss} is the OP ({@code invalid_issuer}); {@code aud} is exactly this client
 *       ({@code invalid_audience});</li>
 *   <li>{@code iat} not after now + skew and not before now − max age, a {@code jti}, and exactly
 *       one event of a known type with a valid payload ({@code invalid_request});</li>
 *   <li>last, the {@code jti} is new ({@link ReplayGuard}): otherwise {@link Outcome.Duplicate},
 *       which is no error (RFC 8935 §2.3: acknowledge it, do not process it twice).</li>
 * </ol>
 */
public final class SetVerifier {
    /** Compact serialisations larger than this are refused before parsing. */
    public static final int MAX_TOKEN_CHARS = 64 * 1024;

    private final String issuer;
    private final String clientId;
    private final JWKSet decryptionKeys;
    private final ReplayGuard replays;
    private final Clock clock;
    private final Duration skew;
    private final Duration maxAge;

    /** The result of a SET that passed every check. */
    public sealed interface Outcome {
        /** A SET seen for the first time: hand it to the application. */
        record Accepted(ReceivedSet set) implements Outcome {
        }

        /** A valid SET whose jti was accepted before: acknowledge, do not process again. */
        record Duplicate(String jti) implements Outcome {
        }
    }

    /**
     * @param issuer         the OP's issuer identifier
     * @param clientId       this business's client id (the SETs' audience)
     * @param decryptionKeys the business's private {@code enc} keys, each with its {@code kid}
     * @param skew           how far in the future an {@code iat} may be (clock differences)
     * @param maxAge         how old an {@code iat} may be (delivery after retries or a long outage
     *                       fits in it); the replay guard must remember jtis that long
     */
    public SetVerifier(String issuer, String clientId, JWKSet decryptionKeys, ReplayGuard replays, Clock clock,
                       Duration skew, Duration maxAge) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.decryptionKeys = Objects.requireNonNull(decryptionKeys, "decryptionKeys");
        if (decryptionKeys.getKeys().stream().anyMatch(k -> !k.isPrivate() || k.getKeyID() == null)) {
            throw new IllegalArgumentException("decryption keys are private keys with a kid");
        }
        this.replays = Objects.requireNonNull(replays, "replays");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    /**
     * @param opKeys the OP's public JWK Set as the caller fetched it
     * @throws SetRejectedException with the RFC 8935 error; nothing else is thrown
     */
    public Outcome verify(String token, JWKSet opKeys) throws SetRejectedException {
        try {
            SignedJWT signed = decrypt(token);
            verifySignature(signed, opKeys);
            return accept(signed);
        } catch (RuntimeException | StackOverflowError e) {
            throw new SetRejectedException(SetError.INVALID_REQUEST, "the SET is malformed");
        }
    }

    private SignedJWT decrypt(String token) throws SetRejectedException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw invalidRequest("the body must be one SET of at most " + MAX_TOKEN_CHARS + " characters");
        }
        if (token.chars().filter(c -> c == '.').count() != 4) {
            throw invalidRequest("the SET must be encrypted: a compact JWE");
        }
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(token.strip());
        } catch (ParseException e) {
            throw invalidRequest("the SET is not a compact JWE");
        }
        JWEHeader header = jwe.getHeader();
        if (!FeedEncryptionKeys.ALGORITHMS.contains(header.getAlgorithm())
                || !FeedEncryptionKeys.CONTENT_ENCRYPTION.equals(header.getEncryptionMethod())
                || header.getCompressionAlgorithm() != null || !"JWT".equalsIgnoreCase(header.getContentType())) {
            throw invalidRequest("the JWE must have alg ECDH-ES+A256KW or RSA-OAEP-256, enc A256GCM, cty JWT and no zip");
        }
        JWK key = decryptionKey(header).orElseThrow(() ->
                new SetRejectedException(SetError.INVALID_KEY, "the SET is not encrypted to a key of this recipient"));
        try {
            jwe.decrypt(decrypter(header.getAlgorithm(), key));
        } catch (JOSEException e) {
            throw new SetRejectedException(SetError.INVALID_KEY, "the SET could not be decrypted with the recipient's key");
        }
        JWT inner;
        try {
            inner = JWTParser.parse(jwe.getPayload().toString());
        } catch (ParseException e) {
            throw invalidRequest("the encrypted content is not a JWT");
        }
        if (inner instanceof PlainJWT) {
            throw new SetRejectedException(SetError.AUTHENTICATION_FAILED, "the inner JWT is not signed");
        }
        if (!(inner instanceof SignedJWT signed)) {
            throw invalidRequest("the encrypted content is not a signed JWT");
        }
        return signed;
    }

    private Optional<JWK> decryptionKey(JWEHeader header) {
        return decryptionKeys.getKeys().stream()
                .filter(k -> k.getKeyID().equals(header.getKeyID()))
                .filter(k -> FeedEncryptionKeys.algorithmOf(k).filter(header.getAlgorithm()::equals).isPresent())
                .findFirst();
    }

    private static JWEDecrypter decrypter(JWEAlgorithm alg, JWK key) throws JOSEException {
        if (FeedEncryptionKeys.EC_ALGORITHM.equals(alg)) {
            ECDHDecrypter ecdh = new ECDHDecrypter(key.toECKey());
            ecdh.getJCAContext().setKeyEncryptionProvider(Jca.BC);
            return ecdh;
        }
        return new RSADecrypter(key.toRSAKey());
    }

    private static void verifySignature(SignedJWT signed, JWKSet opKeys) throws SetRejectedException {
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        String kid = signed.getHeader().getKeyID();
        if (!JwsAlgorithms.isSupported(alg)) {
            throw new SetRejectedException(SetError.AUTHENTICATION_FAILED, "the SET is not signed with ES256, PS256 or EdDSA");
        }
        List<JWK> candidates = opKeys.getKeys().stream()
                .filter(k -> kid != null && kid.equals(k.getKeyID()) && !FeedEncryptionKeys.isEncryptionKey(k))
                .filter(k -> JwsAlgorithms.keyFits(k, alg))
                .toList();
        if (candidates.isEmpty()) {
            throw SetRejectedException.ofUnknownSigningKey();
        }
        try {
            for (JWK key : candidates) {
                if (signed.verify(JwsAlgorithms.verifier(key.toPublicJWK(), alg))) {
                    return;
                }
            }
        } catch (JOSEException e) {
            // refused below
        }
        throw new SetRejectedException(SetError.AUTHENTICATION_FAILED, "the SET's signature does not verify");
    }

    private Outcome accept(SignedJWT signed) throws SetRejectedException {
        if (!EventTypes.SECEVENT_JWT.equals(signed.getHeader().getType())) {
            throw invalidRequest("the signed SET must have typ secevent+jwt");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalidRequest("the SET's claims are malformed");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new SetRejectedException(SetError.INVALID_ISSUER, "the SET is not issued by " + issuer);
        }
        if (claims.getAudience() == null || !claims.getAudience().equals(List.of(clientId))) {
            throw new SetRejectedException(SetError.INVALID_AUDIENCE, "the SET is not for this recipient");
        }
        Instant now = clock.instant();
        if (claims.getIssueTime() == null) {
            throw invalidRequest("iat is required");
        }
        Instant iat = claims.getIssueTime().toInstant();
        if (iat.isAfter(now.plus(skew))) {
            throw invalidRequest("iat is in the future");
        }
        if (iat.isBefore(now.minus(maxAge))) {
            throw invalidRequest("iat is older than " + maxAge.toHours() + " hours");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > 256) {
            throw invalidRequest("jti is required (at most 256 characters)");
        }
        Optional<String> txn;
        SecurityEvent event;
        try {
            txn = Optional.ofNullable(claims.getStringClaim(SetClaims.TXN));
            event = SetClaims.event(claims);
        } catch (ParseException e) {
            throw invalidRequest("txn must be a string");
        } catch (MalformedEventException e) {
            throw invalidRequest(e.getMessage());
        }
        if (!replays.firstSeen(jti, iat)) {
            return new Outcome.Duplicate(jti);
        }
        return new Outcome.Accepted(new ReceivedSet(jti, claims.getIssuer(), iat, txn, event));
    }

    private static SetRejectedException invalidRequest(String description) {
        return new SetRejectedException(SetError.INVALID_REQUEST, description);
    }
}
