package jp.jpkigate.idp.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.store.GrantRevocations;
import jp.jpkigate.idp.token.BearerTokenException.Code;

/**
 * Validates the OP's own JWT access tokens (RFC 9068 §4): {@code typ} {@code at+jwt}, a signature
 * by one of the OP's published keys with that key's algorithm, {@code iss}, {@code aud} containing
 * the expected audience, {@code exp} after now (injected clock), {@code sub}, {@code jti} and the
 * grant id {@code gid}; a {@code cnf} claim must name one supported confirmation method
 * ({@link Confirmation}); then that the grant was not revoked ({@link GrantRevocations}: a replayed
 * code or a reused refresh token). Everything else is {@code invalid_token}; a store failure fails
 * the future as it is. Tokens it accepted are remembered ({@link VerifiedTokenCache}): the same token
 * again is not parsed nor its signature verified, but its {@code exp}, its key's publication and its
 * grant's revocation are checked each time.
 */
public final class AccessTokenVerifier {
    private static final int MAX_LENGTH = 8 * 1024;
    /** Accepted tokens remembered: about 2 KB each, a few minutes of a busy resource server's distinct tokens. */
    private static final int CACHED_TOKENS = 10_000;

    private final String issuer;
    private final String audience;
    private final Function<String, Optional<JWK>> publicKeys;
    private final GrantRevocations revocations;
    private final Clock clock;
    private final VerifiedTokenCache verified = new VerifiedTokenCache(CACHED_TOKENS);

    /** With a fixed set of public keys. */
    public AccessTokenVerifier(String issuer, String audience, JWKSet publicKeys, GrantRevocations revocations, Clock clock) {
        this(issuer, audience, kid -> Optional.ofNullable(publicKeys.getKeyByKeyId(kid)), revocations, clock);
    }

    /** With the OP's own keys as they rotate: a token verifies while the key that signed it is published. */
    public AccessTokenVerifier(String issuer, String audience, SigningKeys keys, GrantRevocations revocations, Clock clock) {
        this(issuer, audience, keys::verificationKey, revocations, clock);
    }

    /** With keys looked up by {@code kid} each time (a token verifies while its key is there). */
    AccessTokenVerifier(String issuer, String audience, Function<String, Optional<JWK>> publicKeys,
                         GrantRevocations revocations, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.publicKeys = Objects.requireNonNull(publicKeys, "publicKeys");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What {@code /userinfo} needs of a valid token; {@code confirmation} is set for a sender-constrained one. */
    public record VerifiedAccessToken(String subject, String clientId, List<String> scopes, String jti, String grantId,
                                      Instant expiresAt, Optional<Confirmation> confirmation) {
        public VerifiedAccessToken {
            Objects.requireNonNull(confirmation, "confirmation");
        }

        /** A bearer token, bound to nothing. */
        public VerifiedAccessToken(String subject, String clientId, List<String> scopes, String jti, String grantId,
                                   Instant expiresAt) {
            this(subject, clientId, scopes, jti, grantId, expiresAt, Optional.empty());
        }
    }

    /** A valid token and all its claims (introspection answers with them). */
    public record VerifiedWithClaims(VerifiedAccessToken token, JWTClaimsSet claims) {
    }

    /** The token, once valid and not revoked; fails with {@link BearerTokenException} otherwise. */
    public Future<VerifiedAccessToken> verify(String token) {
        return verifyWithClaims(token).map(VerifiedWithClaims::token);
    }

    /** {@link #verify} with the token's claims. */
    public Future<VerifiedWithClaims> verifyWithClaims(String token) {
        VerifiedTokenCache.Entry valid;
        try {
            valid = remembered(token).orElse(null);
            if (valid == null) {
                valid = validate(token);
                verified.put(token, valid);
            }
        } catch (BearerTokenException e) {
            return Future.failedFuture(e);
        }
        VerifiedWithClaims answer = new VerifiedWithClaims(valid.token(), valid.claims());
        return revocations.isRevoked(valid.token().grantId()).compose(revoked -> revoked
                ? Future.failedFuture(invalid("the grant was revoked"))
                : Future.succeededFuture(answer));
    }

    /** The token as verified before, while it has not expired and the key that signed it is still published. */
    private Optional<VerifiedTokenCache.Entry> remembered(String token) {
        return verified.get(token)
                .filter(entry -> clock.instant().isBefore(entry.token().expiresAt()))
                .filter(entry -> publicKeys.apply(entry.kid()).filter(entry.key()::equals).isPresent());
    }

    /**
     * Remembers an access token the OP has just signed as if this verifier had verified it, so its
     * first use on this replica (the client's {@code /userinfo} right after {@code /token}) skips
     * re-parsing and re-verifying the OP's own signature. Every check but the signature's runs as
     * for a presented token; a token failing one is not remembered. Revocation is still asked on
     * each use.
     */
    public void rememberMinted(String token, SignedJWT minted) {
        try {
            if (token.length() <= MAX_LENGTH) {
                verified.put(token, checked(minted, key(minted)));
            }
        } catch (BearerTokenException | RuntimeException e) {
            // Verified in full when presented.
        }
    }

    private VerifiedTokenCache.Entry validate(String token) throws BearerTokenException {
        if (token.length() > MAX_LENGTH) {
            throw invalid("access token too long");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = key(jwt);
            if (!jwt.verify(JwsAlgorithms.verifier(key, jwt.getHeader().getAlgorithm()))) {
                throw invalid("bad signature");
            }
            return checked(jwt, key);
        } catch (java.text.ParseException | JOSEException | RuntimeException e) {
            throw invalid("malformed access token");
        }
    }

    /** The published key named by the token's {@code kid}, for its {@code alg}; after checking {@code typ}. */
    private JWK key(SignedJWT jwt) throws BearerTokenException {
        JOSEObjectType typ = jwt.getHeader().getType();
        if (typ == null || !(typ.getType().equalsIgnoreCase("at+jwt") || typ.getType().equalsIgnoreCase("application/at+jwt"))) {
            throw invalid("not a JWT access token");
        }
        JWK key = jwt.getHeader().getKeyID() == null ? null : publicKeys.apply(jwt.getHeader().getKeyID()).orElse(null);
        if (key == null || key.getAlgorithm() == null || !key.getAlgorithm().equals(jwt.getHeader().getAlgorithm())) {
            throw invalid("unknown signing key");
        }
        return key;
    }

    /** The claims' checks (the signature is verified already) and the cache entry. */
    private VerifiedTokenCache.Entry checked(SignedJWT jwt, JWK key) throws BearerTokenException {
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer())) {
                throw invalid("wrong issuer");
            }
            if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
                throw invalid("wrong audience");
            }
            if (claims.getExpirationTime() == null || !clock.instant().isBefore(claims.getExpirationTime().toInstant())) {
                throw invalid("the access token has expired");
            }
            String scope = claims.getStringClaim("scope");
            String grantId = claims.getStringClaim(GrantIds.CLAIM);
            if (claims.getSubject() == null || claims.getJWTID() == null || scope == null || grantId == null) {
                throw invalid("missing claims");
            }
            return new VerifiedTokenCache.Entry(new VerifiedAccessToken(claims.getSubject(), claims.getStringClaim("client_id"),
                    List.of(scope.split(" ")), claims.getJWTID(), grantId, claims.getExpirationTime().toInstant(),
                    confirmation(claims)), claims, jwt.getHeader().getKeyID(), key);
        } catch (java.text.ParseException | RuntimeException e) {
            throw invalid("malformed access token");
        }
    }

    private static Optional<Confirmation> confirmation(JWTClaimsSet claims) throws BearerTokenException {
        try {
            return Confirmation.fromClaim(claims.getClaim("cnf"));
        } catch (IllegalArgumentException e) {
            throw invalid("unsupported confirmation method");
        }
    }

    private static BearerTokenException invalid(String description) {
        return new BearerTokenException(Code.INVALID_TOKEN, description);
    }
}
