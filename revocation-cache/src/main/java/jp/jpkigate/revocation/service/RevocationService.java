package jp.jpkigate.revocation.service;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Certificate validity for the gateway's own logins and for other services: answers from the
 * in-memory index of the issuer's CRL when it is fresh, falls back to OCSP when it is stale or the
 * issuer is not covered, and answers {@link CheckResult.Unknown} (fail closed) when neither can.
 * Futures never fail: every problem is an {@code Unknown} with its reason.
 */
public interface RevocationService {
    /** The status of a certificate; its issuer is found from its AuthorityKeyIdentifier. */
    Future<CheckResult> check(X509Certificate certificate);

    /** The status of a serial of a known issuer (no certificate at hand: no OCSP fallback without one). */
    Future<CheckResult> check(IssuerKey issuer, BigInteger serial);

    /**
     * The answer when it needs no waiting: from fresh in-memory data, or the fail-closed
     * {@link CheckResult.Unknown} when there is nothing else to ask; null when only {@link #check}
     * can answer (an OCSP query, or an implementation without a synchronous path). Callers that get
     * null call {@link #check(X509Certificate)} (when {@code certificateAtHand}) or
     * {@link #check(IssuerKey, BigInteger)}; the metrics count each check once, whichever answers.
     *
     * @param issuer            the certificate's AuthorityKeyIdentifier key, null when it has none
     * @param certificateAtHand whether the caller has the certificate (OCSP needs it); false for
     *                          issuer + serial checks, for which {@code issuer} must not be null
     */
    default CheckResult checkNow(IssuerKey issuer, BigInteger serial, boolean certificateAtHand) {
        return null;
    }

    /** Every CA generation covered, with its data state. */
    List<IssuerInfo> issuers();

    default Optional<IssuerInfo> issuer(IssuerKey key) {
        return issuers().stream().filter(info -> info.key().equals(key)).findFirst();
    }

    /** Counters for the metrics endpoint. */
    RevocationMetrics metrics();
}
