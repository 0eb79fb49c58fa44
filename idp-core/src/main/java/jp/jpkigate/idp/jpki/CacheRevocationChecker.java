package jp.jpkigate.idp.jpki;

import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.RevocationService;

/**
 * The verifier's revocation source, in-process: the revocation cache's {@link RevocationService}
 * (fresh CRL index, else OCSP, else unknown). Good carries the answering data's thisUpdate; a
 * revocation's date is the CRL entry's day at 00:00 UTC (the index keeps days, RFC 5280 section
 * 5.1.2.6 revocationDate) or the OCSP revocationTime's day; Unknown keeps the service's reason, and
 * the verifier fails closed with {@code revocation_unknown}. For a named use with its own stale-data
 * policy, pass {@code DefaultRevocationService.forUse(name)}.
 */
public final class CacheRevocationChecker implements RevocationChecker {
    private final RevocationService service;

    public CacheRevocationChecker(RevocationService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public CompletionStage<RevocationStatus> check(RevocationQuery query) {
        return service.check(query.certificate()).map(CacheRevocationChecker::toStatus).toCompletionStage();
    }

    static RevocationStatus toStatus(CheckResult result) {
        if (result instanceof CheckResult.Good good) {
            return RevocationStatus.good(good.asOf());
        }
        if (result instanceof CheckResult.Revoked revoked) {
            return RevocationStatus.revoked(revoked.reason(),
                    revoked.revocationDate().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return RevocationStatus.unknown(((CheckResult.Unknown) result).why());
    }
}
