package jp.jpkigate.idp.jpki;

import java.util.concurrent.CompletionStage;

/**
 * The revocation source the verifier asks last (implemented over the revocation cache: an
 * in-memory CRL index with OCSP fallback). Contract: answer without blocking the caller's thread;
 * answer {@link RevocationStatus.Unknown} rather than guess; a stage that fails, or does not
 * complete within the verifier's timeout, counts as unknown and the verification fails closed
 * with {@link JpkiError#REVOCATION_UNKNOWN}.
 */
@FunctionalInterface
public interface RevocationChecker {
    CompletionStage<RevocationStatus> check(RevocationQuery query);
}
