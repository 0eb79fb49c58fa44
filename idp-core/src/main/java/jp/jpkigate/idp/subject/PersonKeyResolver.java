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
 *   <li>Production: J-LIS's certificate linkage (the old → new serial relation the platform
 *       operator obtains from J-LIS on renewal) — the key is the first certificate of the chain.</li>
 *   <li>Development: the simulator's registry, {@code registry.predecessors(caId, serial)}, taking
 *       the first serial of the chain.</li>
 *   <li>{@link CertificatePersonKeys}: the certificate identity itself (renewal changes the
 *       subject) — the fallback when no linkage source is configured.</li>
 * </ul>
 *
 * <p>Contract: the same person yields the same key for every certificate of the chain; the future
 * fails only when the linkage source fails (the token request then fails with {@code server_error}).
 * Implementations must not block the event loop.
 */
public interface PersonKeyResolver {
    Future<String> personKey(String issuerAnchorId, BigInteger serial);
}
