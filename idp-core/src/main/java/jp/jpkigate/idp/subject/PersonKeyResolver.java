package jp.jpkigate.idp.subject;

import io.vertx.core.Future;
import java.math.BigInteger;

/**
 * Maps a JPKI certificate to a stable key for the person, one that survives card renewal: a new
 * card (or a re-issued certificate) has a new serial, and the pairwise {@code sub} must not change.
 * The key is never a My Number (JPKI certificates carry none) and never leaves the OP: it only
 * feeds {@link PairwiseSubjects}.
 *
 * <p>Wiring:
 * <ul>
 *   <li>{@link LinkedPersonKeys}: follows a {@link CertificateLinkage} to the first certificate of
 *       the chain — in production J-LIS's linkage (the old → new serial relation the platform
 *       operator obtains from J-LIS on renewal), in development the simulator's
 *       {@code GET /linkage/{caId}/{serial}} — and records each certificate's key.</li>
 *   <li>{@link CertificatePersonKeys}: the certificate identity itself (renewal changes the
 *       subject) — the fallback when no linkage source is configured.</li>
 * </ul>
 *
 * <p>Contract: the same person yields the same key for every certificate of the chain; the future
 * fails only when the linkage source or the record of keys fails (the token request then fails with
 * {@code server_error}).
 * Implementations must not block the event loop.
 */
public interface PersonKeyResolver {
    Future<String> personKey(String issuerAnchorId, BigInteger serial);
}
