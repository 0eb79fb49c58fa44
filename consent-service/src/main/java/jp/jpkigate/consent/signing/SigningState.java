package jp.jpkigate.consent.signing;

/**
 * The states of a {@link SigningTransaction}:
 * <pre>
 * PENDING ──signer posts, verification succeeds──▶ VERIFIED ──the page continues, the document is recorded──▶ CONSUMED
 *    │                                                                                                        ▲
 *    ├──signer posts, verification fails──▶ FAILED ──the page continues (the refusal is shown)────────────────┤
 *    └──the page continues after expiry───────────────────────────────────────────────────────────────────────┘
 * </pre>
 * Every edge is a compare-and-set in the {@link SigningTransactionStore}, so each is taken once.
 * Expiry is not a state: it is judged from {@code expiresAt} and the injected clock.
 */
public enum SigningState {
    PENDING, VERIFIED, FAILED, CONSUMED;

    public boolean canMoveTo(SigningState next) {
        return switch (this) {
            case PENDING -> next == VERIFIED || next == FAILED || next == CONSUMED;
            case VERIFIED, FAILED -> next == CONSUMED;
            case CONSUMED -> false;
        };
    }
}
