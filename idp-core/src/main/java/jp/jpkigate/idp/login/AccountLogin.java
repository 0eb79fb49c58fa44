package jp.jpkigate.idp.login;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.CodeChallenge;

/**
 * A login for the OP itself (the person's account page), run by the same transaction machinery as a
 * client's: the QR page, the same-device link and the signer API. It has no client: its request
 * names {@link #CLIENT_ID}, which no registered client can have (client ids are visible ASCII, this
 * one has a space), and asks only {@code openid}, so the authentication certificate (PIN) signs.
 * It never ends in a code: {@code /login/{txn}/continue} refuses it, and the account page turns it
 * into an account session.
 */
public final class AccountLogin {
    /** The client id the signer sees and signs ({@code client=} line of the signed bytes). */
    public static final String CLIENT_ID = "jpkigate account";
    /** The name the login page and the signer app show. */
    public static final String CLIENT_NAME = "JPKI Gate（同意の管理 / your approvals）";
    /** Where the account page lives, under the issuer. */
    public static final String PATH = "/account/approvals";
    /** The person's consents to the latest-4-information service (consent-service), in the same account area. */
    public static final String CONSENTS_PATH = "/account/consents";
    /** The query that makes an account login return to {@link #CONSENTS_PATH} instead of {@link #PATH}. */
    public static final String NEXT_CONSENTS = "next=consents";

    private AccountLogin() {
    }

    /** The request an account login answers; its code challenge is random and never used. */
    static AuthorizationRequest request(String issuer, SecureRandom random) {
        return new AuthorizationRequest(CLIENT_ID, URI.create(issuer + PATH), List.of("openid"),
                new CodeChallenge(LoginTransactionId.generate(random)), Optional.empty(), Optional.empty(), Set.of(),
                OptionalLong.empty(), List.of(), Optional.empty());
    }

    /**
     * Where an account login returns, by the raw query of its page or continue URL: the consents page
     * for exactly {@link #NEXT_CONSENTS}, else the approvals page. An allow-list, so no query can send
     * the person anywhere else.
     */
    public static String returnPath(String rawQuery) {
        return NEXT_CONSENTS.equals(rawQuery) ? CONSENTS_PATH : PATH;
    }

    public static boolean isAccountLogin(LoginTransaction txn) {
        return CLIENT_ID.equals(txn.request().clientId());
    }
}
