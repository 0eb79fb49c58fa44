package jp.jpkigate.idp.token;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.dpop.JwkThumbprint;

/**
 * What tokens are minted from, after a code has been redeemed: the client, the pairwise subject and
 * the authentication facts. Stored with a refresh-token family (under the grant id) so a refresh
 * mints the same facts.
 * It carries no 4 information: they reach only the tokens of the code's own redemption (see
 * {@link IdentityClaims}).
 *
 * @param grantId  the grant id ({@link GrantIds}): names the refresh-token family, carried by the access tokens
 * @param clientId the client
 * @param subject  the pairwise {@code sub}
 * @param scopes   the granted scopes
 * @param authTime when the card signed (OIDC {@code auth_time})
 * @param acr      the authentication context class
 * @param amr      RFC 8176 methods
 * @param dpopJkt  RFC 9449 §5.2: the DPoP key the refresh-token family is bound to (public clients
 *                 only; empty for confidential clients, whose refresh tokens are bound to their
 *                 client authentication)
 */
public record TokenGrant(String grantId, String clientId, String subject, List<String> scopes, Instant authTime, String acr,
                         List<String> amr, Optional<JwkThumbprint> dpopJkt) {
    public TokenGrant {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(acr, "acr");
        amr = List.copyOf(amr);
        Objects.requireNonNull(dpopJkt, "dpopJkt");
    }

    /** A grant whose refresh tokens are not bound to a DPoP key. */
    public TokenGrant(String grantId, String clientId, String subject, List<String> scopes, Instant authTime, String acr,
                      List<String> amr) {
        this(grantId, clientId, subject, scopes, authTime, acr, amr, Optional.empty());
    }

    /** This grant with its refresh tokens bound to a DPoP key, or unbound. */
    public TokenGrant withDpopJkt(Optional<JwkThumbprint> jkt) {
        return new TokenGrant(grantId, clientId, subject, scopes, authTime, acr, amr, jkt);
    }

    /** This grant with fewer scopes (RFC 6749 §6). */
    public TokenGrant withScopes(List<String> narrowed) {
        return new TokenGrant(grantId, clientId, subject, narrowed, authTime, acr, amr, dpopJkt);
    }

    public String scope() {
        return String.join(" ", scopes);
    }
}
