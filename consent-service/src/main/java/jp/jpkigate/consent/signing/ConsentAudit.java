package jp.jpkigate.consent.signing;

import io.vertx.core.Future;
import jp.jpkigate.consent.record.ConsentRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every step of the person's pages worth keeping, in one place: a consent signed, a consent replaced
 * by a newer one, a withdrawal, and refused attempts (a signature refused, an invitation used by
 * someone else, another person's card at withdrawal). Ids, client ids and codes only: never a customer
 * number, a person key or anything of the certificate.
 *
 * <p>TEMPORARY sink: SLF4J, until the hash-chained {@code ConsentAuditLog} of branch wt-audit is merged;
 * then these methods append to it and their futures complete when it has.
 */
public class ConsentAudit {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentAudit.class);

    public Future<Void> signed(ConsentRecord consent) {
        LOG.info("consent signed: consent {} client {}", consent.id(), consent.clientId());
        return Future.succeededFuture();
    }

    public Future<Void> replaced(ConsentRecord previous) {
        LOG.info("consent replaced: consent {} client {}", previous.id(), previous.clientId());
        return Future.succeededFuture();
    }

    public Future<Void> withdrawn(ConsentRecord consent) {
        LOG.info("consent withdrawn: consent {} client {}", consent.id(), consent.clientId());
        return Future.succeededFuture();
    }

    /** A refused attempt: what ({@code consent} / {@code withdrawal}), of which subject and business, why. */
    public Future<Void> refused(String step, String subjectId, String clientId, String code) {
        LOG.info("{} refused: {} client {}: {}", step, subjectId, clientId, code);
        return Future.succeededFuture();
    }
}
