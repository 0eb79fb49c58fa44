package jp.jpkigate.idp.login;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.jpkigate.idp.jpki.ExpectedType;
import jp.jpkigate.idp.jpki.JpkiCertificateType.Purpose;
import jp.jpkigate.idp.par.AuthorizationRequest;

/**
 * Which JPKI certificate a login needs. An ordinary login is signed with the user-authentication
 * key (利用者証明用, unlocked by the 4-digit PIN); a request for the basic 4 information needs the
 * signature certificate (署名用, unlocked by the password), the only one that carries them. Either
 * device (card or phone) is accepted.
 */
public enum CertificateRequirement {
    /** User-authentication certificate and key; the PIN unlocks it. */
    AUTHENTICATION("auth", Purpose.AUTHENTICATION),
    /** Signature certificate and key; the password unlocks it; yields the 4 information. */
    SIGNATURE("sign", Purpose.SIGNATURE);

    /** The scopes naming the 4 information, as the Digital Agency's app names them. */
    public static final Set<String> FOUR_INFORMATION_SCOPES = Set.of("name", "address", "birthdate", "gender");
    /** Claims (OIDC Core §5.5) that need the 4 information; {@code verified_claims} (OIDC4IDA) too. */
    static final Set<String> FOUR_INFORMATION_CLAIMS = Set.of("name", "family_name", "given_name", "address",
            "birthdate", "gender", "verified_claims");

    private final String wireName;
    private final Purpose purpose;

    CertificateRequirement(String wireName, Purpose purpose) {
        this.wireName = wireName;
        this.purpose = purpose;
    }

    /** {@code auth} or {@code sign}: the {@code certificate} member of the signer API. */
    public String wireName() {
        return wireName;
    }

    public Purpose purpose() {
        return purpose;
    }

    /** What the verifier accepts: this purpose, on a card or a phone. */
    public ExpectedType expectedType() {
        return ExpectedType.anyDevice(purpose);
    }

    public boolean yieldsFourInformation() {
        return this == SIGNATURE;
    }

    /** SIGNATURE when the request asks for any of the 4 information by scope or claims request. */
    public static CertificateRequirement forRequest(AuthorizationRequest request) {
        for (String scope : request.scopes()) {
            if (FOUR_INFORMATION_SCOPES.contains(scope)) {
                return SIGNATURE;
            }
        }
        Map<String, Object> claims = request.claimsObject();
        for (String member : List.of("userinfo", "id_token")) {
            if (claims.get(member) instanceof Map<?, ?> requested) {
                for (Object name : requested.keySet()) {
                    if (FOUR_INFORMATION_CLAIMS.contains(name)) {
                        return SIGNATURE;
                    }
                }
            }
        }
        return AUTHENTICATION;
    }

    public static CertificateRequirement fromWireName(String name) {
        for (CertificateRequirement r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown certificate requirement");
    }
}
