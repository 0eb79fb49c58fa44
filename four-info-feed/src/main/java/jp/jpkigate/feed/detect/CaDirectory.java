package jp.jpkigate.feed.detect;

import io.vertx.core.Future;
import java.util.Optional;
import jp.jpkigate.revocation.service.IssuerKey;

/**
 * How the three parties name a CA generation: the OP's trust anchor id (consent evidence, the watch list),
 * the revocation cache's issuer key (the key identifier: the revocation stream and the validity check), and
 * J-LIS's CA id (its 4-information provision API). JPKI roots of all generations share one DN, so names are
 * joined by key and certificate, never by DN.
 */
public interface CaDirectory {
    /** The trust anchor whose key the revocation cache's issuer key names; empty for a CA the OP does not trust. */
    Optional<String> anchorOf(IssuerKey issuer);

    /** The revocation cache's key of a trust anchor. */
    Optional<IssuerKey> issuerKeyOf(String anchorId);

    /** J-LIS's id of the CA behind a trust anchor; fails when J-LIS serves no such CA. */
    Future<String> jlisCaId(String anchorId);

    /** The trust anchor of one of J-LIS's CA ids; fails when it names none the OP trusts. */
    Future<String> anchorOfJlisCa(String caId);
}
