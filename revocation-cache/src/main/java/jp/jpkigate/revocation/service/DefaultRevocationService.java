package jp.jpkigate.revocation.service;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.jpkigate.revocation.cache.CacheAnswer;
import jp.jpkigate.revocation.cache.IssuerKeys;
import jp.jpkigate.revocation.cache.RevocationCache;
import jp.jpkigate.revocation.ocsp.OcspAnswer;
import jp.jpkigate.revocation.ocsp.OcspAnswerCache;
import jp.jpkigate.revocation.ocsp.OcspClient;
import jp.jpkigate.revocation.ocsp.OcspIssuer;

/**
 * The revocation policy over the in-memory CRL data and the OCSP fallback:
 * <ol>
 * <li>the issuer is the certificate's AuthorityKeyIdentifier (never its DN);</li>
 * <li>fresh CRL data (not later than nextUpdate + grace) answers (metrics {@code indexHits});</li>
 * <li>stale or missing data: OCSP, if a responder is configured for the issuer, answers from the
 * OCSP answer cache or a new query (metrics {@code ocspCacheHits} / {@code ocspFallbacks});</li>
 * <li>otherwise {@link CheckResult.Unknown} naming both failures (metrics {@code failClosed}): the
 * caller fails closed. The only exception is a named use listed in
 * {@link RevocationServiceOptions#staleCrlAcceptedFor()}: a deployment may decide that, say,
 * {@code "balance-inquiry"} tolerates stale data; {@link #forUse} views of the service then answer
 * from the stale CRL, whose old {@code asOf} tells the caller how old it is. Data never loaded,
 * and an OCSP "unknown", stay Unknown for every use.</li>
 * </ol>
 * Futures never fail. Readers never lock: the CRL lookup is one volatile read plus an index search.
 */
public final class DefaultRevocationService implements RevocationService {
    private final RevocationCache cache;
    private final OcspClient ocsp;
    private final OcspAnswerCache ocspCache;
    private final Clock clock;
    private final RevocationServiceOptions options;
    private final RevocationMetrics metrics;
    private final Map<IssuerKey, OcspIssuer> ocspIssuers;
    private final String use;

    public DefaultRevocationService(Context context, RevocationCache cache, OcspClient ocsp, Clock clock,
                                    RevocationServiceOptions options, RevocationMetrics metrics) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.ocsp = Objects.requireNonNull(ocsp, "ocsp");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ocspCache = new OcspAnswerCache(context, clock, options.ocspCacheSize());
        this.ocspIssuers = options.ocspIssuers().stream()
                .collect(Collectors.toUnmodifiableMap(OcspIssuer::key, Function.identity(), (a, b) -> a));
        this.use = null;
    }

    private DefaultRevocationService(DefaultRevocationService base, String use) {
        this.cache = base.cache;
        this.ocsp = base.ocsp;
        this.ocspCache = base.ocspCache;
        this.clock = base.clock;
        this.options = base.options;
        this.metrics = base.metrics;
        this.ocspIssuers = base.ocspIssuers;
        this.use = use;
    }

    /**
     * The same service for a named use (e.g. {@code "login"}, {@code "ekyc"}): it accepts stale CRL
     * data when OCSP gives no answer only if {@code use} is listed in
     * {@link RevocationServiceOptions#staleCrlAcceptedFor()}; otherwise it behaves like this one.
     */
    public DefaultRevocationService forUse(String use) {
        return new DefaultRevocationService(this, Objects.requireNonNull(use, "use"));
    }

    @Override
    public Future<CheckResult> check(X509Certificate certificate) {
        try {
            Optional<IssuerKey> issuer = IssuerKeys.issuerOf(certificate);
            if (issuer.isEmpty()) {
                metrics.failClosed.increment();
                return Future.succeededFuture(new CheckResult.Unknown("the certificate has no authority key identifier"));
            }
            return resolve(issuer.get(), certificate.getSerialNumber(), true);
        } catch (RuntimeException e) {
            metrics.failClosed.increment();
            return Future.succeededFuture(new CheckResult.Unknown("revocation check failed: " + e.getClass().getSimpleName()));
        }
    }

    /** As the contract says: without the certificate at hand, no OCSP fallback. */
    @Override
    public Future<CheckResult> check(IssuerKey issuer, BigInteger serial) {
        try {
            return resolve(issuer, serial, false);
        } catch (RuntimeException e) {
            metrics.failClosed.increment();
            return Future.succeededFuture(new CheckResult.Unknown("revocation check failed: " + e.getClass().getSimpleName()));
        }
    }

    /**
     * Answers from the index without a future (the check API's path: no Future per batch item);
     * null only when an OCSP query is needed, i.e. the data cannot answer, the certificate is at
     * hand, an OCSP responder serves the issuer. Counts the metrics exactly as {@link #check} does.
     */
    @Override
    public CheckResult checkNow(IssuerKey issuer, BigInteger serial, boolean certificateAtHand) {
        try {
            if (issuer == null) {
                metrics.failClosed.increment();
                return new CheckResult.Unknown("the certificate has no authority key identifier");
            }
            CacheAnswer answer = cache.lookup(issuer, serial, clock.instant(), options.grace());
            if (answer instanceof CacheAnswer.Good || answer instanceof CacheAnswer.Revoked) {
                metrics.indexHits.increment();
                return fromCrl(answer);
            }
            if (certificateAtHand && ocspIssuers.containsKey(issuer)) {
                return null;
            }
            metrics.indexMisses.increment();
            return fallback(answer, whyNot(answer) + "; no OCSP fallback for this issuer");
        } catch (RuntimeException e) {
            metrics.failClosed.increment();
            return new CheckResult.Unknown("revocation check failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public List<IssuerInfo> issuers() {
        return cache.issuers();
    }

    @Override
    public RevocationMetrics metrics() {
        return metrics;
    }

    private Future<CheckResult> resolve(IssuerKey issuer, BigInteger serial, boolean ocspAllowed) {
        CacheAnswer answer = cache.lookup(issuer, serial, clock.instant(), options.grace());
        if (answer instanceof CacheAnswer.Good || answer instanceof CacheAnswer.Revoked) {
            metrics.indexHits.increment();
            return Future.succeededFuture(fromCrl(answer));
        }
        metrics.indexMisses.increment();
        String why = whyNot(answer);
        OcspIssuer responder = ocspAllowed ? ocspIssuers.get(issuer) : null;
        if (responder == null) {
            return Future.succeededFuture(fallback(answer, why + "; no OCSP fallback for this issuer"));
        }
        OcspAnswerCache.Key key = new OcspAnswerCache.Key(issuer, serial);
        Optional<Future<OcspAnswer>> hit = ocspCache.cached(key);
        hit.ifPresent(f -> metrics.ocspCacheHits.increment());
        Future<OcspAnswer> ocspAnswer = hit.orElseGet(() -> ocspCache.get(key, () -> {
            metrics.ocspFallbacks.increment();
            return ocsp.query(responder, serial);
        }));
        return ocspAnswer
                .map(this::fromOcsp)
                .otherwise(e -> fallback(answer, why + "; OCSP gave no answer: " + e.getMessage()));
    }

    private static String whyNot(CacheAnswer answer) {
        return answer instanceof CacheAnswer.Stale stale ? stale.why() : ((CacheAnswer.NotCovered) answer).why();
    }

    private CheckResult fromOcsp(OcspAnswer answer) {
        if (answer.nextUpdate() != null && answer.nextUpdate().isBefore(clock.instant())) {
            metrics.failClosed.increment();
            return new CheckResult.Unknown("the OCSP answer is past its nextUpdate " + answer.nextUpdate());
        }
        return switch (answer.status()) {
            case GOOD -> new CheckResult.Good(answer.thisUpdate(), 0, CheckResult.Source.OCSP);
            case REVOKED -> new CheckResult.Revoked(answer.reason(),
                    LocalDate.ofInstant(answer.revocationTime(), ZoneOffset.UTC), answer.thisUpdate(), 0,
                    CheckResult.Source.OCSP);
            case UNKNOWN -> {
                metrics.failClosed.increment();
                yield new CheckResult.Unknown("the OCSP responder does not know this certificate (RFC 6960 2.2 unknown)");
            }
        };
    }

    private CheckResult fallback(CacheAnswer answer, String why) {
        if (use != null && options.staleCrlAcceptedFor().contains(use) && answer instanceof CacheAnswer.Stale stale
                && stale.fromStaleData().isPresent()) {
            return fromCrl(stale.fromStaleData().get());
        }
        metrics.failClosed.increment();
        return new CheckResult.Unknown(why);
    }

    private static CheckResult fromCrl(CacheAnswer answer) {
        if (answer instanceof CacheAnswer.Revoked revoked) {
            return new CheckResult.Revoked(revoked.revocation().reason(), revoked.revocation().revocationDate(),
                    revoked.asOf(), revoked.version(), CheckResult.Source.CRL);
        }
        CacheAnswer.Good good = (CacheAnswer.Good) answer;
        return new CheckResult.Good(good.asOf(), good.version(), CheckResult.Source.CRL);
    }
}
