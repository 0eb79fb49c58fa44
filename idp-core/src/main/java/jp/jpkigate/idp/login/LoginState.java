package jp.jpkigate.idp.login;

/**
 * The states of a {@link LoginTransaction}:
 * <pre>
 * PENDING ──signer posts, JPKI verification succeeds──▶ VERIFIED ──browser continues, approval remembered──▶ CONSUMED
 *    │                                                        │                                                 ▲ ▲
 *    │                                                        └─continues, consent needed─▶ AWAITING_CONSENT ──┘ │
 *    │                                                                          (the person approves or denies)  │
 *    ├──────signer posts, verification fails────────▶ FAILED ───browser continues──────────────────────────────┤
 *    └──────browser continues after expiry (the RP gets access_denied)──────────────────────────────────────────┘
 * </pre>
 * A login that a single sign-on session answers starts in VERIFIED (the session's earlier card
 * signature stands in for the signer's post). Every edge is a compare-and-set in the {@code LoginTransactionStore}, so each is taken once even
 * under concurrent requests. Expiry is not a state: it is judged from {@code expiresAt} and the
 * injected clock, whatever the state.
 */
public enum LoginState {
    PENDING, VERIFIED, AWAITING_CONSENT, FAILED, CONSUMED;

    /** Whether {@code next} is an edge of the diagram above. */
    public boolean canMoveTo(LoginState next) {
        return switch (this) {
            case PENDING -> next == VERIFIED || next == FAILED || next == CONSUMED;
            case VERIFIED -> next == AWAITING_CONSENT || next == CONSUMED;
            case AWAITING_CONSENT, FAILED -> next == CONSUMED;
            case CONSUMED -> false;
        };
    }
}
