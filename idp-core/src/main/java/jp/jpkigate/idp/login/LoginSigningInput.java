package jp.jpkigate.idp.login;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The exact bytes the card signs for a login: UTF-8, lines separated by a single LF, no trailing
 * newline, fixed order, every value on its own {@code name=value} line:
 * <pre>
 * jpki-gate-login-v1
 * issuer=https://id.example.jp
 * txn=&lt;transaction id, 43 base64url chars&gt;
 * challenge=&lt;challenge, 43 base64url chars&gt;
 * client=&lt;client_id&gt;
 * expires=&lt;expiry, seconds since the epoch, decimal&gt;
 * </pre>
 * Unambiguous: the issuer is a URL without CR/LF, the id and challenge are base64url, the expiry is
 * digits, and a client id containing a CR or LF is refused here (the registry never holds one),
 * so no value can end its line early or forge another. The first line names the format and its
 * version, so bytes signed for anything else (another protocol, a later version) never verify as
 * a login. Binding the issuer and client keeps a signature collected by one RP or one OP from being
 * replayed at another; the transaction id and challenge make it single use; the expiry makes its
 * lifetime visible to the signer app.
 */
public final class LoginSigningInput {
    /** The format line. */
    public static final String VERSION = "jpki-gate-login-v1";

    private LoginSigningInput() {
    }

    public static byte[] of(String issuer, LoginTransaction txn) {
        return of(issuer, txn.id(), txn.challenge(), txn.request().clientId(), txn.expiresAt().getEpochSecond());
    }

    public static byte[] of(String issuer, String txnId, String challenge, String clientId, long expiresEpochSecond) {
        Objects.requireNonNull(issuer, "issuer");
        for (String value : new String[] {issuer, txnId, challenge, clientId}) {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a signed login value contains a line break");
            }
        }
        String text = VERSION + '\n'
                + "issuer=" + issuer + '\n'
                + "txn=" + txnId + '\n'
                + "challenge=" + challenge + '\n'
                + "client=" + clientId + '\n'
                + "expires=" + expiresEpochSecond;
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
