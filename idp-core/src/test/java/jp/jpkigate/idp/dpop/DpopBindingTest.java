package jp.jpkigate.idp.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import jp.jpkigate.idp.oauth.OAuthException;
import org.junit.jupiter.api.Test;

/** RFC 9449 §5.2 and §10 binding rules of {@link DpopBinding}. */
class DpopBindingTest {
    private static final Optional<JwkThumbprint> A = Optional.of(new JwkThumbprint("A".repeat(43)));
    private static final Optional<JwkThumbprint> B = Optional.of(new JwkThumbprint("B".repeat(43)));

    private static String errorOf(ThrowingRunnable r) {
        try {
            r.run();
            throw new AssertionError("expected an OAuth error");
        } catch (OAuthException e) {
            return e.error().code();
        }
    }

    interface ThrowingRunnable {
        void run() throws OAuthException;
    }

    @Test
    void parBindsToDpopJktOrTheProofsKeyAndRefusesTwoDifferentKeys() throws Exception {
        assertThat(DpopBinding.pushed(A, Optional.empty())).isEqualTo(A);
        assertThat(DpopBinding.pushed(Optional.empty(), B)).isEqualTo(B);
        assertThat(DpopBinding.pushed(A, A)).isEqualTo(A);
        assertThat(DpopBinding.pushed(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(errorOf(() -> DpopBinding.pushed(A, B))).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void aDpopBoundClientMustSendAProof() throws Exception {
        DpopBinding.requireProof(true, A);
        DpopBinding.requireProof(false, Optional.empty());
        assertThat(errorOf(() -> DpopBinding.requireProof(true, Optional.empty()))).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void aBoundGrantNeedsAProofByItsKey() throws Exception {
        DpopBinding.checkBound("code", Optional.empty(), Optional.empty());
        DpopBinding.checkBound("code", Optional.empty(), B);
        DpopBinding.checkBound("code", A, A);
        assertThat(errorOf(() -> DpopBinding.checkBound("code", A, Optional.empty()))).isEqualTo("invalid_dpop_proof");
        assertThat(errorOf(() -> DpopBinding.checkBound("code", A, B))).isEqualTo("invalid_grant");
    }

    @Test
    void refreshTokensOfPublicClientsAreBoundAndOfConfidentialClientsNot() {
        assertThat(DpopBinding.refreshTokenBinding(false, A)).isEqualTo(A);
        assertThat(DpopBinding.refreshTokenBinding(true, A)).isEmpty();
        assertThat(DpopBinding.refreshTokenBinding(false, Optional.empty())).isEmpty();
    }
}
