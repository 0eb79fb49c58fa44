package jp.jpkigate.idp.dpop;

import java.util.List;
import java.util.Objects;

/**
 * What a DPoP proof is checked against (RFC 9449 §4.3), without HTTP types.
 *
 * @param proofs every {@code DPoP} header value of the request, as received (RFC 9449 §4.3 check 1:
 *               there must be exactly one)
 * @param method the request's method ({@code htm})
 * @param target the endpoint's public URL ({@code htu}): the configured issuer and the path
 */
public record DpopRequest(List<String> proofs, String method, TargetUri target) {
    public DpopRequest {
        proofs = List.copyOf(proofs);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
    }

    /** Whether the client sent any {@code DPoP} header. */
    public boolean hasProof() {
        return !proofs.isEmpty();
    }
}
