package jp.jpkigate.idp.logout;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import jp.jpkigate.idp.key.SigningKeys;

/**
 * Mints Logout Tokens (OpenID Connect Back-Channel Logout 1.0 §2.4): header {@code typ}
 * {@code logout+jwt} (§2.4: explicit typing), signed with the OP's current key; claims {@code iss},
 * {@code aud} (the client), {@code iat}, {@code exp} (short), {@code jti}, {@code events} with the
 * back-channel logout event, {@code sub} (the client's pairwise subject) and {@code sid}; never a
 * {@code nonce} (§2.4: prohibited, so a Logout Token cannot pass for an ID token).
 */
public final class LogoutTokens {
    /** §2.4 Logout Token {@code typ}. */
    public static final JOSEObjectType LOGOUT_JWT = new JOSEObjectType("logout+jwt");
    /** §2.4 the event member's name. */
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final String issuer;
    private final SigningKeys keys;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random;

    public LogoutTokens(String issuer, SigningKeys keys, Duration lifetime, Clock clock, SecureRandom random) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public String mint(String clientId, String subject, String sid) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] jti = new byte[16];
        random.nextBytes(jti);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(clientId).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(Base64.getUrlEncoder().withoutPadding().encodeToString(jti))
                .subject(subject).claim("sid", sid)
                .claim("events", Map.of(EVENT, Map.of()))
                .build();
        return keys.sign(claims, LOGOUT_JWT).serialize();
    }
}
