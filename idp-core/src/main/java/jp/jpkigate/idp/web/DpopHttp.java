package jp.jpkigate.idp.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import jp.jpkigate.idp.dpop.DpopException;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.DpopRequest;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.dpop.TargetUri;

/**
 * The HTTP side of DPoP (RFC 9449) for the OP's endpoints: reads every {@code DPoP} header of a
 * request into a {@link DpopRequest} whose target is the endpoint's configured public URL (never the
 * {@code Host} header), and offers the current server nonce in {@code DPoP-Nonce} (§8.2) — on every
 * answer of a DPoP-protected endpoint, errors included.
 */
public final class DpopHttp {
    public static final String DPOP = "DPoP";
    public static final String DPOP_NONCE = "DPoP-Nonce";

    private DpopHttp() {
    }

    public static DpopRequest request(HttpServerRequest request, TargetUri target) {
        return new DpopRequest(request.headers().getAll(DPOP), request.method().name(), target);
    }

    /** Sets {@code DPoP-Nonce} when nonces are required; call before anything is written. */
    public static void offerNonce(HttpServerResponse response, DpopProofVerifier proofs) {
        proofs.freshNonce().ifPresent(nonce -> response.putHeader(DPOP_NONCE, nonce));
    }

    /**
     * At the authorization server (PAR, token): the key of the request's proof if it has one; a bad
     * proof fails with the 400 OAuth error (RFC 9449 §5: {@code invalid_dpop_proof},
     * {@code use_dpop_nonce}).
     */
    public static Future<Optional<JwkThumbprint>> authorizationServerProof(DpopProofVerifier proofs, DpopRequest request) {
        return proofs.verifyIfPresent(request)
                .recover(failure -> Future.failedFuture(failure instanceof DpopException d ? d.toOAuthException() : failure));
    }
}
