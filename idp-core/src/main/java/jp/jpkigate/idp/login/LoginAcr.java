package jp.jpkigate.idp.login;

/** The authentication context classes a JPKI login meets (OIDC Core §2 {@code acr}). */
public final class LoginAcr {
    /** Signed with the user-authentication certificate (PIN). */
    public static final String AUTHENTICATION = "urn:jpkigate:acr:jpki-auth";
    /** Signed with the signature certificate (password): identity verification with the 4 information. */
    public static final String SIGNATURE = "urn:jpkigate:acr:jpki-sign";

    private LoginAcr() {
    }
}
