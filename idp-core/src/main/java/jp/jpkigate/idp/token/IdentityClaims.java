package jp.jpkigate.idp.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.jpki.FourInformation;
import jp.jpkigate.idp.login.SignerIdentity;

/**
 * The basic 4 information as OpenID Connect claims, and which of them reach the ID token and
 * userinfo. Only a signature-certificate login that carried the 4 information yields any; an
 * authentication-certificate login never does.
 *
 * <p>Standard claims (OIDC Core §5.1): {@code name} (as on the certificate, family and given name
 * separated by U+3000), {@code family_name}, {@code given_name}, {@code birthdate} (YYYY-MM-DD,
 * omitted when the era is unknown), {@code gender} (male/female/unknown), {@code address.formatted}.
 * The scopes {@code name}, {@code address}, {@code birthdate}, {@code gender} (as the Digital
 * Agency's app names them) release them to userinfo (OIDC Core §5.4); the {@code claims} request
 * releases them to the ID token or userinfo (§5.5). {@code profile} releases none of them: the
 * login asked for the signature certificate only for those four scopes.
 *
 * <p>Verified claims (OpenID Connect for Identity Assurance 1.0): the same claims under
 * {@code verified_claims.claims}, with {@code verification.trust_framework = "jp_aml"} — the IDA
 * predefined value for the Japanese Act on Prevention of Transfer of Criminal Proceeds, whose
 * ordinance (Art. 6(1)(i)(wa)) names JPKI signature-certificate verification as an eKYC method —
 * the verification {@code time}, and one {@code electronic_signature} evidence
 * ({@code signature_type: jpki}, the issuing CA's trust-anchor id, the certificate serial in hex,
 * {@code created_at} = when the card signed). Userinfo carries them whenever it carries any of the
 * 4 information; the ID token only when {@code claims.id_token.verified_claims} asks.
 *
 * <p>{@link #assuranceMetadata()} advertises exactly this in discovery, from the same constants.
 */
public final class IdentityClaims {
    public static final String TRUST_FRAMEWORK = "jp_aml";
    /** The one evidence type: the card's signature with the signature certificate. */
    public static final String EVIDENCE_TYPE = "electronic_signature";
    /** Every claim the 4 information give, in the order they are written; all may appear in verified_claims. */
    static final List<String> CLAIM_NAMES = List.of("name", "family_name", "given_name", "birthdate", "gender", "address");
    private static final Map<String, List<String>> BY_SCOPE = Map.of(
            "name", List.of("name", "family_name", "given_name"),
            "address", List.of("address"),
            "birthdate", List.of("birthdate"),
            "gender", List.of("gender"));

    private IdentityClaims() {
    }

    /** The claims for the ID token and for userinfo; both empty without the 4 information. */
    public record Release(Map<String, Object> idToken, Map<String, Object> userinfo) {
        public static final Release NONE = new Release(Map.of(), Map.of());

        /** With the client's session id in the ID token (OIDC Back-Channel Logout 1.0 §2.4), when the login had one. */
        public Release withSid(Optional<String> sid) {
            if (sid.isEmpty()) {
                return this;
            }
            Map<String, Object> withSid = new LinkedHashMap<>(idToken);
            withSid.put("sid", sid.get());
            return new Release(withSid, userinfo);
        }
    }

    public static Release release(SignerIdentity signer, List<String> scopes, ClaimsRequest request) {
        Optional<FourInformation> four = signer.fourInformation();
        if (four.isEmpty() || !signer.type().isSignature()) {
            return Release.NONE;
        }
        Map<String, Object> available = standardClaims(four.get());
        Set<String> fromScopes = new LinkedHashSet<>();
        scopes.forEach(s -> fromScopes.addAll(BY_SCOPE.getOrDefault(s, List.of())));

        Map<String, Object> userinfo = pick(available, union(fromScopes, request.userinfo()));
        if (!userinfo.isEmpty()) {
            Set<String> inner = request.userinfoVerified().filter(s -> !s.isEmpty()).orElse(userinfo.keySet());
            Map<String, Object> verifiedClaims = pick(available, inner);
            if (!verifiedClaims.isEmpty()) {
                userinfo.put("verified_claims", verified(signer, verifiedClaims));
            }
        }
        Map<String, Object> idToken = pick(available, request.idToken());
        request.idTokenVerified().ifPresent(names -> {
            Map<String, Object> verifiedClaims = pick(available,
                    names.isEmpty() ? union(fromScopes, request.idToken()) : names);
            if (!verifiedClaims.isEmpty()) {
                idToken.put("verified_claims", verified(signer, verifiedClaims));
            }
        });
        return new Release(idToken, userinfo);
    }

    /** Every standard claim the 4 information give, in {@link #CLAIM_NAMES} order. */
    public static Map<String, Object> standardClaims(FourInformation four) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", four.name());
        if (four.familyName() != null) {
            claims.put("family_name", four.familyName());
            claims.put("given_name", four.givenName());
        }
        four.oidcBirthdate().ifPresent(b -> claims.put("birthdate", b));
        claims.put("gender", four.oidcGender());
        claims.put("address", Map.of("formatted", four.address()));
        return claims;
    }

    /** OIDC4IDA §5: {@code {verification: {trust_framework, time, evidence: [...]}, claims}}. */
    static Map<String, Object> verified(SignerIdentity signer, Map<String, Object> claims) {
        String time = iso(signer.authTime());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("type", EVIDENCE_TYPE);
        evidence.put("signature_type", "jpki");
        evidence.put("issuer", signer.issuerAnchorId());
        evidence.put("serial_number", signer.serial().toString(16));
        evidence.put("created_at", time);
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("trust_framework", TRUST_FRAMEWORK);
        verification.put("time", time);
        verification.put("evidence", List.of(evidence));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verification", verification);
        out.put("claims", claims);
        return out;
    }

    /**
     * The OP metadata of OpenID Connect for Identity Assurance 1.0 (section "OP metadata"): the required
     * {@code trust_frameworks_supported} and {@code claims_in_verified_claims_supported},
     * {@code evidence_supported} (required when any evidence type is supported; no
     * {@code documents_supported} or {@code electronic_records_supported}, which are required only
     * for those evidence types, and no attachments), and {@code verified_claims_supported: true},
     * which the drafts up to ID3 required and RPs still look for. The spec's other requirement,
     * advertising {@code claims_parameter_supported}, is met by {@code ProviderMetadata}.
     */
    public static Map<String, Object> assuranceMetadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("verified_claims_supported", true);
        metadata.put("trust_frameworks_supported", List.of(TRUST_FRAMEWORK));
        metadata.put("evidence_supported", List.of(EVIDENCE_TYPE));
        metadata.put("claims_in_verified_claims_supported", CLAIM_NAMES);
        return metadata;
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, Object> pick(Map<String, Object> available, Set<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : CLAIM_NAMES) {
            if (names.contains(name) && available.containsKey(name)) {
                out.put(name, available.get(name));
            }
        }
        return out;
    }
}
