package jp.jpkigate.idp.approval;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.jpkigate.idp.par.AuthorizationRequest;

/**
 * What an authorization request would share with its client, in the terms a person approves: the
 * requested scopes and the claim names of its OIDC Core §5.5 {@code claims} request. Claim names are
 * the members under {@code id_token} and {@code userinfo}; the claims named inside
 * {@code verified_claims.claims} (OpenID Connect for Identity Assurance §6) count as
 * {@code verified_claims.<name>}. Both sets are sorted and unmodifiable.
 *
 * <p>{@link #fourInformation()} names the items of the basic 4 information the request asks for;
 * it grows with the two sets, so an approval covering the scopes and claims covers the items too.
 */
public record RequestedSharing(Set<String> scopes, Set<String> claims) {
    /** The prefix of claims asked inside {@code verified_claims}. */
    public static final String VERIFIED_PREFIX = "verified_claims.";

    /** The scopes naming the 4 information, as the Digital Agency's app names them. */
    private static final Map<String, FourInformationItem> ITEM_BY_SCOPE = Map.of(
            "name", FourInformationItem.NAME, "birthdate", FourInformationItem.BIRTHDATE,
            "gender", FourInformationItem.GENDER, "address", FourInformationItem.ADDRESS);
    /** OIDC Core §5.1 claims that carry one of the 4 information. */
    private static final Map<String, FourInformationItem> ITEM_BY_CLAIM = Map.of(
            "name", FourInformationItem.NAME, "family_name", FourInformationItem.NAME,
            "given_name", FourInformationItem.NAME, "birthdate", FourInformationItem.BIRTHDATE,
            "gender", FourInformationItem.GENDER, "address", FourInformationItem.ADDRESS);

    public RequestedSharing {
        scopes = sorted(scopes);
        claims = sorted(claims);
    }

    /** What {@code request} asks to share. */
    public static RequestedSharing of(AuthorizationRequest request) {
        Set<String> claims = new TreeSet<>();
        Map<String, Object> json = request.claimsObject();
        for (String target : List.of("id_token", "userinfo")) {
            if (json.get(target) instanceof Map<?, ?> members) {
                for (Map.Entry<?, ?> member : members.entrySet()) {
                    String name = String.valueOf(member.getKey());
                    claims.add(name);
                    if (name.equals("verified_claims")) {
                        verifiedNames(member.getValue()).forEach(inner -> claims.add(VERIFIED_PREFIX + inner));
                    }
                }
            }
        }
        return new RequestedSharing(Set.copyOf(request.scopes()), claims);
    }

    /** Whether everything asked here is within {@code granted}. */
    public boolean isWithin(RequestedSharing granted) {
        return granted.scopes.containsAll(scopes) && granted.claims.containsAll(claims);
    }

    /** Both sharings together. */
    public RequestedSharing union(RequestedSharing other) {
        Set<String> s = new TreeSet<>(scopes);
        s.addAll(other.scopes);
        Set<String> c = new TreeSet<>(claims);
        c.addAll(other.claims);
        return new RequestedSharing(s, c);
    }

    /** The items of the basic 4 information asked for by scope or claim, in the card's order. */
    public Set<FourInformationItem> fourInformation() {
        Set<FourInformationItem> items = EnumSet.noneOf(FourInformationItem.class);
        for (String scope : scopes) {
            FourInformationItem item = ITEM_BY_SCOPE.get(scope);
            if (item != null) {
                items.add(item);
            }
        }
        for (String claim : claims) {
            String name = claim.startsWith(VERIFIED_PREFIX) ? claim.substring(VERIFIED_PREFIX.length()) : claim;
            FourInformationItem item = ITEM_BY_CLAIM.get(name);
            if (item != null) {
                items.add(item);
            }
        }
        return Collections.unmodifiableSet(items);
    }

    /** Whether the identity-assurance proof ({@code verified_claims} with its evidence) is asked for. */
    public boolean asksVerifiedClaims() {
        return claims.contains("verified_claims");
    }

    /** {@code verified_claims} is one object or an array of them, each naming claims under {@code claims}. */
    private static Set<String> verifiedNames(Object value) {
        Set<String> names = new TreeSet<>();
        for (Object element : value instanceof List<?> list ? list : Collections.singletonList(value)) {
            if (element instanceof Map<?, ?> m && m.get("claims") instanceof Map<?, ?> inner) {
                inner.keySet().forEach(k -> names.add(String.valueOf(k)));
            }
        }
        return names;
    }

    private static Set<String> sorted(Collection<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}
