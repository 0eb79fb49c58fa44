package jp.jpkigate.consent.signing;

import jp.jpkigate.idp.jpki.JpkiError;
import jp.jpkigate.idp.login.JpkiFailureMessages;

/**
 * What the person reads when the card's signature of a consent or withdrawal is refused: the OP's
 * words ({@link JpkiFailureMessages}), except for the wrong certificate, which here always means the
 * authentication certificate (PIN) signed where the signature certificate (password) must.
 */
public final class SignatureMessages {
    private SignatureMessages() {
    }

    public static String japanese(String code) {
        return JpkiError.WRONG_CERTIFICATE_TYPE.code().equals(code)
                ? "利用者証明用電子証明書（数字4桁の暗証番号）では同意できません。署名用電子証明書（英数字6〜16桁のパスワード）で署名してください。"
                : JpkiFailureMessages.japanese(code);
    }

    public static String english(String code) {
        return JpkiError.WRONG_CERTIFICATE_TYPE.code().equals(code)
                ? "The user authentication certificate (4-digit PIN) cannot sign a consent. Please sign with the signature "
                        + "certificate (6-16 character password)."
                : JpkiFailureMessages.english(code);
    }
}
