package jp.jpkigate.idp.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of an OIDC Core §5.5 {@code claims} request the token slice acts on: which claims are
 * asked for the ID token and for userinfo, and whether (and which) {@code verified_claims}
 * (OpenID Connect for Identity Assurance §6) are asked for each. The request was validated at
 * {@code /par}; here anything unreadable is treated as no request.
 *
 * @param idToken          member names under {@code id_token}
 * @param userinfo         member names under {@code userinfo}
 * @param idTokenVerified  the claim names under {@code id_token.verified_claims.claims}, empty set
 *                         when verified_claims is asked without naming claims; absent when not asked
 * @param userinfoVerified the same for {@code userinfo}
 */
public record ClaimsRequest(Set<String> idToken, Set<String> userinfo, Optional<Set<String>> idTokenVerified,
                            Optional<Set<String>> userinfoVerified) {
    public static final ClaimsRequest NONE = new ClaimsRequest(Set.of(), Set.of(), Optional.empty(), Optional.empty());

    public ClaimsRequest {
        idToken = Set.copyOf(idToken);
        userinfo = Set.copyOf(userinfo);
    }

    public static ClaimsRequest parse(Optional<String> json) {
        if (json.isEmpty()) {
            return NONE;
        }
        try {
            Map<String, Object> request = JSONObjectUtils.parse(json.get());
            Map<String, Object> id = member(request, "id_token");
            Map<String, Object> ui = member(request, "userinfo");
            return new ClaimsRequest(id.keySet(), ui.keySet(), verified(id), verified(ui));
        } catch (java.text.ParseException | RuntimeException e) {
            return NONE;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(Map<String, Object> json, String name) {
        return json.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** {@code verified_claims} may be one object or an array of them (OIDC4IDA §6.5). */
    @SuppressWarnings("unchecked")
    private static Optional<Set<String>> verified(Map<String, Object> target) {
        Object value = target.get("verified_claims");
        if (value == null && !target.containsKey("verified_claims")) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        for (Object element : value instanceof List<?> list ? list : java.util.Collections.singletonList(value)) {
            if (element instanceof Map<?, ?> m && m.get("claims") instanceof Map<?, ?> claims) {
                ((Map<String, Object>) claims).keySet().forEach(names::add);
            }
        }
        return Optional.of(names);
    }
}
