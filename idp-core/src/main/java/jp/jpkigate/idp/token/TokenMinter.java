package jp.jpkigate.idp.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.key.SigningKeys;

/** Mints the signed tokens of a {@link TokenGrant}: RFC 9068 access tokens and OIDC ID tokens. */
public final class TokenMinter {
    /** RFC 9068 §2.1: the access token's {@code typ}. */
    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final String issuer;
    private final String audience;
    private final SigningKeys keys;
    private final TokenOptions options;
    private final Clock clock;
    private final SecureRandom random;
    private final Optional<AccessTokenVerifier> verifier;

    public TokenMinter(String issuer, String audience, SigningKeys keys, TokenOptions options, Clock clock, SecureRandom random) {
        this(issuer, audience, keys, options, clock, random, Optional.empty());
    }

    private TokenMinter(String issuer, String audience, SigningKeys keys, TokenOptions options, Clock clock, SecureRandom random,
                        Optional<AccessTokenVerifier> verifier) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.verifier = verifier;
    }

    /** This minter, handing each access token it signs to {@code verifier} ({@link AccessTokenVerifier#rememberMinted}). */
    public TokenMinter rememberingIn(AccessTokenVerifier verifier) {
        return new TokenMinter(issuer, audience, keys, options, clock, random, Optional.of(verifier));
    }

    /** A minted access token: the JWT, its {@code jti} and lifetime in seconds. */
    public record AccessToken(String value, String jti, long expiresIn) {
        @Override
        public String toString() {
            return "AccessToken[" + expiresIn + " s]";
        }
    }

    /**
     * RFC 9068 §2.2: {@code iss, exp, aud, sub, client_id, iat, jti} and {@code scope},
     * {@code auth_time}, {@code acr}, {@code amr}, plus the private claim {@code gid} (the grant id,
     * {@link GrantIds}) by which the grant's tokens are revoked; header {@code typ: at+jwt}.
     */
    public AccessToken accessToken(TokenGrant grant) {
        return accessToken(grant, Optional.empty());
    }

    /** Sender-constrained: {@code cnf} (RFC 7800 §3.1) binds the token to a DPoP key or a client certificate. */
    public AccessToken accessToken(TokenGrant grant, Optional<Confirmation> confirmation) {
        Instant now = now();
        String jti = random(16);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(grant.subject()).audience(audience)
                .claim("client_id", grant.clientId()).claim("scope", grant.scope())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(options.accessTokenLifetime())))
                .jwtID(jti).claim(GrantIds.CLAIM, grant.grantId())
                .claim("auth_time", grant.authTime().getEpochSecond()).claim("acr", grant.acr()).claim("amr", grant.amr());
        confirmation.ifPresent(cnf -> claims.claim("cnf", cnf.toClaim()));
        SignedJWT signed = keys.sign(claims.build(), AT_JWT);
        String token = signed.serialize();
        verifier.ifPresent(v -> v.rememberMinted(token, signed));
        return new AccessToken(token, jti, options.accessTokenLifetime().toSeconds());
    }

    /**
     * OIDC Core §2 / §3.1.3.6: {@code iss, sub, aud (client_id), exp, iat, auth_time, nonce, acr,
     * amr, at_hash} (the last for the SHA-256 algorithms only) plus the identity claims released to
     * the ID token.
     */
    public String idToken(TokenGrant grant, Optional<String> nonce, String accessToken, Map<String, Object> identityClaims) {
        Instant now = now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(grant.subject()).audience(grant.clientId())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(options.idTokenLifetime())))
                .claim("auth_time", grant.authTime().getEpochSecond()).claim("acr", grant.acr()).claim("amr", grant.amr());
        nonce.ifPresent(n -> claims.claim("nonce", n));
        JWSAlgorithm alg = keys.currentAlgorithm();
        if (JWSAlgorithm.ES256.equals(alg) || JWSAlgorithm.PS256.equals(alg)) {
            claims.claim("at_hash", atHash(accessToken));
        }
        identityClaims.forEach(claims::claim);
        return keys.sign(claims.build(), JOSEObjectType.JWT).serialize();
    }

    /** OIDC Core §3.1.3.6: base64url of the left half of SHA-256 of the token's ASCII. */
    static String atHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private String random(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
