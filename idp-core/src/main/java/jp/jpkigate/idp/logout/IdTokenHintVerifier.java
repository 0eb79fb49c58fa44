package jp.jpkigate.idp.logout;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.login.LoginException;
import jp.jpkigate.idp.login.LoginProblem;

/**
 * Checks an {@code id_token_hint} (RP-Initiated Logout 1.0 §2: "The OP MUST validate that it was
 * the issuer of the ID Token"): a JWS with {@code typ} {@code JWT} or none (so an access token,
 * {@code at+jwt}, or a Logout Token is refused), signed by one of the OP's published keys with that
 * key's algorithm, {@code iss} the OP, one {@code aud} that is a registered client, a {@code sub}.
 * Expiry is not checked: §2 asks the OP to accept expired ID tokens of a current or recent session.
 * Everything else is {@link LoginProblem#INVALID_HINT}.
 */
public final class IdTokenHintVerifier {
    private final String issuer;
    private final SigningKeys keys;
    private final ClientRegistry clients;

    public IdTokenHintVerifier(String issuer, SigningKeys keys, ClientRegistry clients) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    public IdTokenHint verify(String idToken) throws LoginException {
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            JWSHeader header = jwt.getHeader();
            if (header.getType() != null && !"JWT".equalsIgnoreCase(header.getType().getType())) {
                throw LoginProblem.INVALID_ID_TOKEN_HINT.toException();
            }
            JWK key = header.getKeyID() == null ? null : keys.publicJwks().getKeyByKeyId(header.getKeyID());
            boolean signed = key != null && header.getAlgorithm().equals(key.getAlgorithm())
                    && jwt.verify(JwsAlgorithms.verifier(key, header.getAlgorithm()));
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            List<String> audience = claims.getAudience();
            if (!signed || !issuer.equals(claims.getIssuer()) || audience == null || audience.size() != 1
                    || clients.find(audience.get(0)).isEmpty() || claims.getSubject() == null) {
                throw LoginProblem.INVALID_ID_TOKEN_HINT.toException();
            }
            return new IdTokenHint(audience.get(0), claims.getSubject(), Optional.ofNullable(claims.getStringClaim("sid")));
        } catch (java.text.ParseException | JOSEException | RuntimeException e) {
            throw LoginProblem.INVALID_ID_TOKEN_HINT.toException();
        }
    }
}
