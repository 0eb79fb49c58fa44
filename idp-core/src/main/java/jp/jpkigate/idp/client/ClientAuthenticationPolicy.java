package jp.jpkigate.idp.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a client assertion must look like.
 *
 * @param issuer            the OP's issuer identifier: the only {@code aud} a FAPI client's assertion
 *                          may carry, as a single string (FAPI 2.0 Security Profile §5.3.2.1)
 * @param acceptedAudiences the {@code aud} values that name this OP for the other clients, the issuer
 *                          among them. RFC 9126 §2 says the issuer identifier SHOULD be the audience
 *                          and requires also accepting the token endpoint and PAR endpoint URLs (many
 *                          client libraries, Nimbus's {@code PrivateKeyJWT} among them, default to the
 *                          endpoint URL); so all three are accepted, at every endpoint.
 * @param maxLifetime       the latest {@code exp} accepted, from now (and the oldest {@code iat})
 * @param clockSkew         tolerance for {@code exp}, {@code nbf} and {@code iat}
 */
public record ClientAuthenticationPolicy(String issuer, Set<String> acceptedAudiences, Duration maxLifetime,
                                         Duration clockSkew) {
    public ClientAuthenticationPolicy {
        Objects.requireNonNull(issuer, "issuer");
        acceptedAudiences = Set.copyOf(acceptedAudiences);
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (!acceptedAudiences.contains(issuer) || maxLifetime.isNegative() || maxLifetime.isZero() || clockSkew.isNegative()) {
            throw new IllegalArgumentException("the issuer among the audiences; lifetime positive; skew not negative");
        }
    }

    /** Five minutes' lifetime, 30 seconds' skew. */
    public static ClientAuthenticationPolicy of(String issuer, Set<String> acceptedAudiences) {
        return new ClientAuthenticationPolicy(issuer, acceptedAudiences, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    /** Only the issuer identifier, for every client. */
    public static ClientAuthenticationPolicy of(String issuer) {
        return of(issuer, Set.of(issuer));
    }
}
