package jp.jpkigate.idp.login;

/**
 * Why a login step (or a logout request: those are never redirected, since their redirect target
 * is not known to be the client's) was refused, with the HTTP status of the signer API and a message for the person
 * in Japanese and English. The {@code code} is the JSON {@code error} of the signer API.
 */
public enum LoginProblem {
    UNKNOWN_TRANSACTION("unknown_transaction", 404,
            "このログイン要求は見つかりません。サービスからやり直してください。",
            "This login request does not exist. Please start again from the service."),
    EXPIRED_TRANSACTION("expired_transaction", 404,
            "ログインの有効期限（5分）が切れました。サービスからやり直してください。",
            "The login has expired (5 minutes). Please start again from the service."),
    ALREADY_COMPLETED("transaction_already_completed", 409,
            "このログイン要求は既に使用されました。サービスからやり直してください。",
            "This login request has already been used. Please start again from the service."),
    INVALID_SUBMISSION("invalid_request", 400,
            "署名データの形式が正しくありません。",
            "The signed data is malformed."),
    NOT_THIS_BROWSER("unknown_transaction", 404,
            "このブラウザで開始されたログインではありません。サービスからやり直してください。",
            "This login was not started in this browser. Please start again from the service."),
    NOT_COMPLETED("login_pending", 409,
            "まだマイナンバーカードで署名されていません。",
            "The My Number card has not signed yet."),
    NO_CONSENT_ASKED("consent_not_open", 409,
            "このログインでは同意の確認を行っていません。サービスからやり直してください。",
            "This login is not waiting for your consent. Please start again from the service."),
    INVALID_FORM("invalid_request", 400,
            "送信された内容の形式が正しくありません。ページを開き直してください。",
            "The submitted form is malformed. Please reopen the page."),
    CSRF_MISMATCH("invalid_csrf_token", 403,
            "この送信は確認できませんでした。このブラウザで開いたページから操作してください。",
            "This submission could not be verified. Please use the page opened in this browser."),
    ACCOUNT_SESSION_EXPIRED("account_session_expired", 403,
            "確認の有効期限が切れたか、まだ確認されていません。もう一度マイナンバーカードで確認してください。",
            "Your check has expired or was not made. Please confirm with your My Number card again."),
    ACCOUNT_LOGIN_FAILED("access_denied", 403,
            "マイナンバーカードでの確認ができませんでした。もう一度お試しください。",
            "The check with your My Number card did not succeed. Please try again."),
    INVALID_LOGOUT_REQUEST("invalid_request", 400,
            "ログアウト要求の形式が正しくありません。サービスからやり直してください。",
            "The logout request is malformed. Please start again from the service."),
    INVALID_ID_TOKEN_HINT("invalid_request", 400,
            "ログアウト要求のIDトークンを確認できませんでした。サービスからやり直してください。",
            "The ID token in the logout request could not be verified. Please start again from the service."),
    UNKNOWN_CLIENT("invalid_request", 400,
            "ログアウト要求のサービスが登録されていません。",
            "The service of this logout request is not registered."),
    CLIENT_MISMATCH("invalid_request", 400,
            "ログアウト要求のサービスがIDトークンと一致しません。",
            "The service of this logout request does not match its ID token."),
    UNREGISTERED_REDIRECT("invalid_request", 400,
            "ログアウト後の戻り先がこのサービスに登録されていません。",
            "The address to return to after logout is not registered for this service.");

    private final String code;
    private final int httpStatus;
    private final String messageJa;
    private final String messageEn;

    LoginProblem(String code, int httpStatus, String messageJa, String messageEn) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.messageJa = messageJa;
        this.messageEn = messageEn;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String messageJa() {
        return messageJa;
    }

    public String messageEn() {
        return messageEn;
    }

    public LoginException toException() {
        return new LoginException(this);
    }
}
