package jp.jpkigate.idp.login;

import jp.jpkigate.idp.jpki.JpkiError;

/** What the person reads when the card's signature is refused, per {@link JpkiError}, in Japanese and English. */
public final class JpkiFailureMessages {
    private JpkiFailureMessages() {
    }

    public static String japanese(String code) {
        return switch (parse(code)) {
            case WRONG_CERTIFICATE_TYPE -> "必要な電子証明書ではありません。ご本人確認には署名用電子証明書（パスワード）で署名してください。";
            case CERTIFICATE_REVOKED -> "電子証明書は失効しています（住所変更・カード再発行などにより）。";
            case CERTIFICATE_EXPIRED -> "電子証明書の有効期限が切れています。";
            case NOT_YET_VALID -> "電子証明書はまだ有効ではありません。";
            case SIGNATURE_MISMATCH -> "署名を検証できませんでした。もう一度お試しください。";
            case UNTRUSTED_ISSUER, POLICY_MISMATCH, MALFORMED_CERTIFICATE -> "公的個人認証の電子証明書として確認できませんでした。";
            case REVOCATION_UNKNOWN -> "電子証明書の失効状態を確認できませんでした。しばらくしてからお試しください。";
        };
    }

    public static String english(String code) {
        return switch (parse(code)) {
            case WRONG_CERTIFICATE_TYPE -> "This is not the certificate required. Identity verification needs the signature certificate (password).";
            case CERTIFICATE_REVOKED -> "The certificate has been revoked (for example after a change of address or a new card).";
            case CERTIFICATE_EXPIRED -> "The certificate has expired.";
            case NOT_YET_VALID -> "The certificate is not yet valid.";
            case SIGNATURE_MISMATCH -> "The signature could not be verified. Please try again.";
            case UNTRUSTED_ISSUER, POLICY_MISMATCH, MALFORMED_CERTIFICATE -> "The certificate is not a JPKI certificate we can accept.";
            case REVOCATION_UNKNOWN -> "The certificate's revocation status could not be checked. Please try again later.";
        };
    }

    private static JpkiError parse(String code) {
        try {
            return JpkiError.fromCode(code);
        } catch (IllegalArgumentException e) {
            return JpkiError.MALFORMED_CERTIFICATE;
        }
    }
}
