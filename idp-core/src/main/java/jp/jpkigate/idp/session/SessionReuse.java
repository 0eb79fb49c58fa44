package jp.jpkigate.idp.session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.login.CertificateRequirement;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.Prompt;

/**
 * When a live single sign-on session answers an authorization request instead of the card. The
 * session stands in for a new signature only when all of these hold:
 * <ul>
 *   <li>the request does not ask for the 4 information (scope or claims): identity verification
 *       always needs a new signature with the signature certificate, and the session never keeps
 *       the 4 information;</li>
 *   <li>no {@code prompt=login} (OIDC Core §3.1.2.1: reauthenticate) and no
 *       {@code prompt=select_account} (the only way to choose another person is another card);</li>
 *   <li>{@code max_age}, if sent, is above 0 and the card signed at most that many seconds ago
 *       ({@code max_age=0} forces the card, like {@code prompt=login});</li>
 *   <li>requested {@code acr} values ({@code acr_values}, or the claims request's
 *       {@code id_token.acr} {@code value}/{@code values}), if any, include the session's.</li>
 * </ul>
 * A client that wants the card every time (a bank's transfer confirmation) sends
 * {@code prompt=login} or {@code max_age=0}. With {@code prompt=none} a request the session cannot
 * answer is {@code login_required}; the consent step then decides {@code consent_required}.
 */
public final class SessionReuse {
    /** What {@code /authorize} does. */
    public enum Decision {
        /** The session answers: no card, on to consent or the code. */
        REUSE,
        /** The login page: the card signs. */
        CARD,
        /** {@code prompt=none} and the card would be needed: {@code login_required} to the client. */
        LOGIN_REQUIRED
    }

    private SessionReuse() {
    }

    public static Decision decide(AuthorizationRequest request, Optional<SsoSession> session, Instant now) {
        if (session.isPresent() && whyNot(request, session.get(), now).isEmpty()) {
            return Decision.REUSE;
        }
        return request.prompt().contains(Prompt.NONE) ? Decision.LOGIN_REQUIRED : Decision.CARD;
    }

    /** Why the session cannot answer the request, or empty when it can. */
    public static Optional<String> whyNot(AuthorizationRequest request, SsoSession session, Instant now) {
        if (CertificateRequirement.forRequest(request) != CertificateRequirement.AUTHENTICATION) {
            return Optional.of("identity verification needs a new signature with the signature certificate");
        }
        if (request.prompt().contains(Prompt.LOGIN) || request.prompt().contains(Prompt.SELECT_ACCOUNT)) {
            return Optional.of("the client asked for a new login");
        }
        if (request.maxAge().isPresent()) {
            long maxAge = request.maxAge().getAsLong();
            if (maxAge <= 0 || Duration.between(session.signer().authTime(), now).getSeconds() > maxAge) {
                return Optional.of("the card signed longer ago than max_age");
            }
        }
        Set<String> acrs = requestedAcrs(request);
        if (!acrs.isEmpty() && !acrs.contains(session.signer().acr())) {
            return Optional.of("the session does not meet the requested acr");
        }
        return Optional.empty();
    }

    /** {@code acr_values} and the claims request's {@code id_token.acr} value(s). */
    static Set<String> requestedAcrs(AuthorizationRequest request) {
        Set<String> acrs = new LinkedHashSet<>(request.acrValues());
        if (request.claimsObject().get("id_token") instanceof Map<?, ?> idToken
                && idToken.get("acr") instanceof Map<?, ?> acr) {
            if (acr.get("value") instanceof String value) {
                acrs.add(value);
            }
            if (acr.get("values") instanceof List<?> values) {
                values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(acrs::add);
            }
        }
        return acrs;
    }
}
