package jp.jpkigate.idp.subject;

import io.vertx.core.Future;

/**
 * J-LIS's old → new serial linkage of renewed certificates, as {@link LinkedPersonKeys} needs it
 * (the simulator's {@code GET /linkage/{caId}/{serial}} in development).
 *
 * <p>Contract: {@link #links} completes with the certificates {@code certificate} replaced, nearest
 * first, so the last one is the first certificate of the chain, and the card authentication
 * certificate it goes with; with {@link CertificateLinks#NONE} when the source does not know it
 * (then it is the first of its own chain). It fails
 * when the source cannot give a trustworthy answer (unreachable, an error status, an answer it
 * cannot read, a CA it cannot name): a guess would be recorded for good. It never blocks.
 */
public interface CertificateLinkage {
    Future<CertificateLinks> links(CertificateId certificate);
}
