package jp.jpkigate.idp.requestobject;

import java.time.Duration;
import java.util.Objects;

/**
 * What a request object must look like (RFC 9101, FAPI 2.0 Message Signing §5.3 "Signing
 * authorization requests").
 *
 * @param issuer         the OP's issuer identifier: the {@code aud} a request object must carry
 * @param requiredForAll the OP's {@code require_signed_request_object} (RFC 9101 §10.5): every
 *                       client must send one, not only those registered with it
 * @param maxLifetime    the longest {@code exp} − {@code nbf} accepted (FAPI: 60 minutes)
 * @param maxNbfAge      how far in the past {@code nbf} may be (FAPI: 60 minutes)
 * @param clockSkew      tolerance for an {@code nbf} in the future and an {@code exp} just passed
 */
public record RequestObjectPolicy(String issuer, boolean requiredForAll, Duration maxLifetime, Duration maxNbfAge,
                                  Duration clockSkew) {
    public RequestObjectPolicy {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(maxNbfAge, "maxNbfAge");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (maxLifetime.isNegative() || maxLifetime.isZero() || maxNbfAge.isNegative() || maxNbfAge.isZero()
                || clockSkew.isNegative()) {
            throw new IllegalArgumentException("lifetime and nbf age positive; skew not negative");
        }
    }

    /** FAPI 2.0 Message Signing's limits: 60 minutes from {@code nbf} to {@code exp}, {@code nbf} at most 60 minutes old; 30 s skew. */
    public static RequestObjectPolicy fapi(String issuer, boolean requiredForAll) {
        return new RequestObjectPolicy(issuer, requiredForAll, Duration.ofMinutes(60), Duration.ofMinutes(60),
                Duration.ofSeconds(30));
    }
}
