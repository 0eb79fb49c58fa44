package jp.jpkigate.consent.signing;

/**
 * Why a step of the person's consent pages (or the signer API) was refused: the HTTP status, a stable
 * code (the signer API's JSON {@code error}, the error page's code) and what the person reads, in
 * Japanese and English. A refused signature ({@link #SIGNATURE_REFUSED}) adds the JPKI error.
 */
public enum ConsentProblem {
    UNKNOWN_INVITATION("unknown_invitation", 404,
            "このご案内は見つかりません。リンクをご確認いただくか、事業者にお問い合わせください。",
            "This invitation does not exist. Please check the link, or ask the business."),
    EXPIRED_INVITATION("expired_invitation", 410,
            "このご案内の有効期限が切れています。事業者に新しいご案内をご依頼ください。",
            "This invitation has expired. Please ask the business for a new one."),
    INVITATION_USED("invitation_used", 409,
            "このご案内は既に使用されています。ご自身で同意済みの場合は「同意の管理」でご確認いただけます。",
            "This invitation has already been used. If you consented yourself, you can see it under \"Your consents\"."),
    NO_INVITATION("no_invitation", 404,
            "この事業者からお客様番号あてのご案内は届いていません。事業者に同意のご案内をご依頼ください。",
            "The business has not sent an invitation for this customer number. Please ask the business for one."),
    UNKNOWN_BUSINESS("invalid_request", 400,
            "選択された事業者は、このサービスに参加していません。",
            "The business chosen does not take part in this service."),
    UNKNOWN_TRANSACTION("unknown_transaction", 404,
            "この署名の手続きは見つかりません。最初からやり直してください。",
            "This signing request does not exist. Please start again."),
    EXPIRED_TRANSACTION("expired_transaction", 410,
            "署名の有効期限（5分）が切れました。最初からやり直してください。",
            "The signing request has expired (5 minutes). Please start again."),
    ALREADY_COMPLETED("transaction_already_completed", 409,
            "この署名の手続きは既に使用されました。最初からやり直してください。",
            "This signing request has already been used. Please start again."),
    NOT_THIS_BROWSER("not_this_browser", 403,
            "このブラウザで開始された手続きではありません。手続きを始めたブラウザで続けてください。",
            "This request was not started in this browser. Please continue in the browser you started it in."),
    NOT_COMPLETED("signature_pending", 409,
            "まだマイナンバーカードで署名されていません。",
            "The My Number card has not signed yet."),
    SIGNATURE_REFUSED("signature_refused", 403,
            "マイナンバーカードの署名を受け付けられませんでした。",
            "The signature of the My Number card was not accepted."),
    INVALID_SUBMISSION("invalid_request", 400,
            "署名データの形式が正しくありません。",
            "The signed data is malformed."),
    CSRF_MISMATCH("invalid_csrf_token", 403,
            "この送信は確認できませんでした。このブラウザで開いたページから操作してください。",
            "This submission could not be verified. Please use the page opened in this browser."),
    NOT_THE_SAME_PERSON("not_the_same_person", 403,
            "署名したカードは、ログインしたご本人のものではありません。同意は取り消されていません。",
            "The card that signed is not the one of the person logged in. The consent has not been withdrawn."),
    UNKNOWN_CONSENT("unknown_consent", 404,
            "この同意は見つかりません。「同意の管理」を開き直してください。",
            "This consent does not exist. Please reopen \"Your consents\"."),
    ALREADY_WITHDRAWN("already_withdrawn", 409,
            "この同意は既に取り消されているか、効力がありません。",
            "This consent has already been withdrawn or is no longer in force.");

    private final String code;
    private final int httpStatus;
    private final String messageJa;
    private final String messageEn;

    ConsentProblem(String code, int httpStatus, String messageJa, String messageEn) {
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

    public ConsentException toException() {
        return new ConsentException(this);
    }
}
