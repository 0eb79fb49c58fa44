package jp.jpkigate.revocation.responder;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.responder.OcspRequestParser.ParsedOcspRequest;
import jp.jpkigate.revocation.service.CheckResult;
import jp.jpkigate.revocation.service.IssuerInfo;
import jp.jpkigate.revocation.service.RevocationService;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RFC 6960 / RFC 5019 OCSP responder that answers from the revocation cache, without transport:
 * DER OCSPRequest in, DER OCSPResponse out; the future never fails.
 * <ul>
 *   <li>Not an OCSPRequest ({@link OcspRequestParser}): {@code malformedRequest} (RFC 6960 4.2.1).</li>
 *   <li>No CertID names a covered issuer ({@link IssuerMatcher}, by key across all generations):
 *       {@code unauthorized} (RFC 5019 2.2.3: "the server is not capable of responding authoritatively").
 *       Other CertIDs of uncovered issuers in a request are answered {@code unknown} (RFC 6960 2.2:
 *       "the request indicates an unrecognized issuer that is not served by this responder").</li>
 *   <li>{@code good} / {@code revoked} come from {@link RevocationService#check(jp.jpkigate.revocation.service.IssuerKey,
 *       java.math.BigInteger)}. revocationTime is the start (UTC) of the revocation date the index keeps; the
 *       reason is included except for unspecified (RFC 5280 5.3.1 prefers it absent); a hold is
 *       {@code revoked} with reason {@code certificateHold} (RFC 6960 2.2).</li>
 *   <li>The cache answering {@link CheckResult.Unknown} (data stale or not loaded: fail closed), or data
 *       whose nextUpdate has passed: {@code tryLater} for the whole response (RFC 6960 2.3). It is unsigned
 *       and so cannot be cached as if it were a statement about the certificate, unlike a signed
 *       {@code unknown}, which also means "unrecognised issuer", not "ask again".</li>
 *   <li>thisUpdate = the data's asOf (RFC 6960 4.2.2.1: "the most recent time at which the status being
 *       indicated is known by the responder to have been correct"); nextUpdate = the earlier of the data's
 *       nextUpdate and now + {@link #MAX_VALIDITY}; producedAt = now.</li>
 *   <li>A nonce (RFC 6960 4.4.1, RFC 8954) is echoed; the response is signed by the
 *       {@link OcspResponderIdentity}, names it byKey and includes its certificate.</li>
 * </ul>
 * Everything runs on the caller's thread; with an EC P-256 identity a signature is a fraction of a
 * millisecond, so the event loop is fine.
 */
public final class OcspResponder {
    /** The longest a response may be cached: the cache refreshes its data at least this often. */
    public static final Duration MAX_VALIDITY = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);

    private final RevocationService service;
    private final OcspResponderIdentity identity;
    private final Clock clock;

    public OcspResponder(RevocationService service, OcspResponderIdentity identity, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Answers one DER OCSPRequest with a DER OCSPResponse (RFC 6960 4.1, 4.2). */
    public Future<byte[]> respond(byte[] derRequest) {
        return answer(derRequest).map(OcspAnswer::der);
    }

    /** Like {@link #respond}, with the times HTTP caching needs (RFC 5019 6.2). */
    public Future<OcspAnswer> answer(byte[] derRequest) {
        Optional<ParsedOcspRequest> parsed = OcspRequestParser.parse(derRequest);
        if (parsed.isEmpty()) {
            return Future.succeededFuture(OcspStatusResponses.MALFORMED_REQUEST.answer());
        }
        List<CertificateID> ids = parsed.get().certIds();
        List<IssuerInfo> covered = service.issuers();
        List<Optional<IssuerInfo>> issuers = new ArrayList<>(ids.size());
        List<Future<CheckResult>> checks = new ArrayList<>(ids.size());
        for (CertificateID id : ids) {
            Optional<IssuerInfo> issuer = IssuerMatcher.match(id, covered);
            issuers.add(issuer);
            checks.add(issuer.isPresent() ? service.check(issuer.get().key(), id.getSerialNumber())
                    : Future.succeededFuture(null));
        }
        if (issuers.stream().allMatch(Optional::isEmpty)) {
            return Future.succeededFuture(OcspStatusResponses.UNAUTHORIZED.answer());
        }
        return Future.all(checks)
                .map(all -> sign(parsed.get(), issuers, all.<CheckResult>list()))
                .otherwise(error -> {
                    LOG.warn("OCSP responder failed", error);
                    return OcspStatusResponses.INTERNAL_ERROR.answer();
                });
    }

    private OcspAnswer sign(ParsedOcspRequest request, List<Optional<IssuerInfo>> issuers, List<CheckResult> results) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant newestThisUpdate = Instant.MIN;
        Instant earliestNextUpdate = Instant.MAX;
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(identity.responderId());
        for (int i = 0; i < results.size(); i++) {
            CertificateID id = request.certIds().get(i);
            Instant thisUpdate = now;
            Instant nextUpdate = now.plus(MAX_VALIDITY);
            CertificateStatus status;
            if (issuers.get(i).isEmpty()) {
                status = new UnknownStatus();
            } else {
                CheckResult result = results.get(i);
                Optional<Instant> dataNextUpdate = issuers.get(i).get().nextUpdate();
                if (result instanceof CheckResult.Unknown
                        || dataNextUpdate.filter(next -> !next.isAfter(now)).isPresent()) {
                    return OcspStatusResponses.TRY_LATER.answer();
                }
                status = status(result);
                thisUpdate = min(asOf(result).truncatedTo(ChronoUnit.SECONDS), now);
                nextUpdate = min(nextUpdate, dataNextUpdate.orElse(Instant.MAX));
            }
            builder.addResponse(id, status, Date.from(thisUpdate), Date.from(nextUpdate), null);
            newestThisUpdate = thisUpdate.isAfter(newestThisUpdate) ? thisUpdate : newestThisUpdate;
            earliestNextUpdate = min(nextUpdate, earliestNextUpdate);
        }
        request.nonce().ifPresent(nonce -> builder.setResponseExtensions(new Extensions(nonce)));
        byte[] der;
        try {
            var basic = builder.build(identity.signer(), new X509CertificateHolder[] {identity.certificateHolder()},
                    Date.from(now));
            der = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the OCSP response", e);
        }
        return new OcspAnswer(der, Optional.of(newestThisUpdate), Optional.of(earliestNextUpdate));
    }

    /** RFC 6960 4.2.1 CertStatus from a cache answer that is not {@link CheckResult.Unknown}. */
    static CertificateStatus status(CheckResult result) {
        if (result instanceof CheckResult.Revoked revoked) {
            Date at = Date.from(revoked.revocationDate().atStartOfDay(ZoneOffset.UTC).toInstant());
            return revoked.reason() == CrlReason.UNSPECIFIED ? new RevokedStatus(at)
                    : new RevokedStatus(at, revoked.reason().code());
        }
        return CertificateStatus.GOOD;
    }

    private static Instant asOf(CheckResult result) {
        if (result instanceof CheckResult.Good good) {
            return good.asOf();
        }
        return ((CheckResult.Revoked) result).asOf();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
