package jp.jpkigate.idp.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.key.SigningKeys;

/**
 * Mints the RFC 9068 access token of the {@code client_credentials} grant: the client acts for
 * itself, so {@code sub} = {@code client_id} (RFC 9068 §2.2: "the client identifier" when no
 * resource owner is involved) and there is no {@code auth_time}, {@code acr} or {@code amr}. Each
 * token is a grant of its own: {@code gid} ({@link GrantIds#CLAIM}) is a fresh random 128-bit id,
 * so {@code /revoke} and {@link AccessTokenVerifier} treat it like any other grant's token. A
 * {@link Confirmation} binds the token to a DPoP key or a client certificate, as {@link TokenMinter} does.
 */
public final class ClientAccessTokenMinter {
    private final String issuer;
    private final String audience;
    private final SigningKeys keys;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random;

    public ClientAccessTokenMinter(String issuer, String audience, SigningKeys keys, Duration lifetime, Clock clock,
                                   SecureRandom random) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * {@code iss, exp, aud, sub, client_id, iat, jti, scope, gid} and, for a sender-constrained token,
     * {@code cnf} (RFC 7800 §3.1: a DPoP key or a client certificate); header {@code typ: at+jwt}.
     */
    public TokenMinter.AccessToken mint(String clientId, List<String> scopes, Optional<Confirmation> confirmation) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String jti = randomId();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(clientId).audience(audience)
                .claim("client_id", clientId).claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(jti).claim(GrantIds.CLAIM, randomId());
        confirmation.ifPresent(cnf -> claims.claim("cnf", cnf.toClaim()));
        return new TokenMinter.AccessToken(keys.sign(claims.build(), TokenMinter.AT_JWT).serialize(), jti, lifetime.toSeconds());
    }

    /** 128 random bits, base64url (22 characters, the length of a code-derived grant id). */
    private String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
