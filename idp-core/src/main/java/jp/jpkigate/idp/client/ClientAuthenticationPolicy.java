package jp.jpkigate.idp.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a client assertion must look like.
 *
 * @param acceptedAudiences the {@code aud} values that name this OP. RFC 9126 §2 and FAPI 2.0 say
 *                          the issuer identifier SHOULD be the audience, and RFC 9126 §2 requires
 *                          also accepting the token endpoint and PAR endpoint URLs (many client
 *                          libraries, Nimbus's {@code PrivateKeyJWT} among them, default to the
 *                          endpoint URL); so all three are accepted, at every endpoint.
 * @param maxLifetime       the latest {@code exp} accepted, from now (and the oldest {@code iat})
 * @param clockSkew         tolerance for {@code exp}, {@code nbf} and {@code iat}
 */
public record ClientAuthenticationPolicy(Set<String> acceptedAudiences, Duration maxLifetime, Duration clockSkew) {
    public ClientAuthenticationPolicy {
        acceptedAudiences = Set.copyOf(acceptedAudiences);
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (acceptedAudiences.isEmpty() || maxLifetime.isNegative() || maxLifetime.isZero() || clockSkew.isNegative()) {
            throw new IllegalArgumentException("audiences required; lifetime positive; skew not negative");
        }
    }

    /** Five minutes' lifetime, 30 seconds' skew. */
    public static ClientAuthenticationPolicy of(Set<String> acceptedAudiences) {
        return new ClientAuthenticationPolicy(acceptedAudiences, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }
}
