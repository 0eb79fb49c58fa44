package jp.jpkigate.idp.introspection;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import jp.jpkigate.idp.key.SigningKeys;

/**
 * RFC 9701 JWT introspection responses: the RFC 7662 response in the claim
 * {@code token_introspection}, with {@code iss} (the OP), {@code aud} (the client that asked) and
 * {@code iat}, signed with the OP's current key (published at {@code /jwks}); header {@code typ:
 * token-introspection+jwt} (§5). No top-level {@code sub} or {@code exp}, so it can never pass for
 * an access token or ID token. Not encrypted.
 */
public final class IntrospectionJwt {
    /** RFC 9701 §4 / §10.2: the request's {@code Accept} and the response's {@code Content-Type}. */
    public static final String MEDIA_TYPE = "application/token-introspection+jwt";
    /** RFC 9701 §5: the JWS {@code typ}. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("token-introspection+jwt");

    private final String issuer;
    private final SigningKeys keys;
    private final Clock clock;

    public IntrospectionJwt(String issuer, SigningKeys keys, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String sign(IntrospectionResponse response) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(response.requester())
                .issueTime(Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                .claim("token_introspection", response.toJsonObject())
                .build();
        return keys.sign(claims, TYPE).serialize();
    }
}
