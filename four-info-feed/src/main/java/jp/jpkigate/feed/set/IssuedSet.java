package jp.jpkigate.feed.set;

import java.util.Objects;

/**
 * A SET ready to deliver, with what routing needs.
 *
 * @param token     the compact JWE (RFC 7516 §7.1) around the signed SET
 * @param jti       the SET's {@code jti}: the delivery's idempotency key and the RFC 8936 acknowledgement
 * @param consentId the consent it concerns (a withdrawal drops that consent's undelivered SETs)
 * @param clientId  the business it is for (its {@code aud})
 */
public record IssuedSet(String token, String jti, String consentId, String clientId) {
    public IssuedSet {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public String toString() {
        // The token carries personal data, even encrypted it stays out of logs.
        return "IssuedSet[" + jti + " for " + clientId + "]";
    }
}
