package jp.jpkigate.idp.jpki;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.security.auth.x500.X500Principal;

/**
 * Verifies a JPKI signer: the certificate read from the card and the card's signature over some
 * bytes. Checks run in a fixed order and stop at the first failure, each with its own
 * {@link JpkiError}:
 * <ol>
 * <li>parse: strict DER X.509 v3 ({@code malformed_certificate});</li>
 * <li>chain: selected by key and signed by a configured root ({@code untrusted_issuer});</li>
 * <li>validity of the certificate, then of its root, at the injected clock's time, RFC 5280
 *     section 4.1.2.5 ({@code certificate_expired} / {@code not_yet_valid});</li>
 * <li>profile: policy OID gives the type ({@code policy_mismatch}), which must be one the caller
 *     accepts ({@code wrong_certificate_type}), key usage / key algorithm ({@code policy_mismatch}),
 *     the 4 information of signature certificates ({@code malformed_certificate});</li>
 * <li>the signature over the bytes, algorithm from the certificate key ({@code signature_mismatch});</li>
 * <li>revocation, asynchronously ({@code certificate_revoked} / {@code revocation_unknown}).</li>
 * </ol>
 * Steps 1 to 5 are {@link #verifyOffline}; {@link #verify} adds step 6. Thread-safe; plain Java.
 */
public final class JpkiVerifier {
    private final TrustAnchors anchors;
    private final RevocationChecker revocation;
    private final Clock clock;
    private final JpkiVerifierOptions options;

    public JpkiVerifier(TrustAnchors anchors, RevocationChecker revocation, Clock clock, JpkiVerifierOptions options) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * All checks including revocation. The stage fails with a {@link JpkiVerificationException}
     * (see {@link JpkiVerificationException#unwrap}) and never with anything else.
     */
    public CompletionStage<VerifiedCertificate> verify(VerificationRequest request) {
        OfflineVerification offline;
        try {
            offline = verifyOffline(request);
        } catch (JpkiVerificationException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<VerifiedCertificate> result = new CompletableFuture<>();
        askRevocation(offline).whenComplete((status, failure) -> {
            try {
                result.complete(conclude(offline, status, failure));
            } catch (JpkiVerificationException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(new JpkiVerificationException(JpkiError.REVOCATION_UNKNOWN,
                        "the revocation answer could not be used (" + e.getClass().getSimpleName() + ")", e));
            }
        });
        return result;
    }

    /** Steps 1 to 5 (everything but revocation), synchronously. */
    public OfflineVerification verifyOffline(VerificationRequest request) throws JpkiVerificationException {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        ParsedCertificate parsed = ParsedCertificate.parse(request.certificateDer());
        TrustAnchor anchor = IssuerChain.anchorOf(parsed, anchors);
        X509Certificate certificate = parsed.certificate();
        checkValidity("the certificate", certificate, now);
        checkValidity("its root " + anchor.id(), anchor.certificate(), now);
        JpkiCertificateType type = ProfileCheck.classify(parsed, request.expected(), options.policies());
        if (anchor.hierarchy().filter(purpose -> purpose != type.purpose()).isPresent()) {
            throw new JpkiVerificationException(JpkiError.POLICY_MISMATCH, "a " + type + " certificate issued by "
                    + anchor.id() + ", the root of the other hierarchy");
        }
        Optional<FourInformation> fourInformation = type.isSignature()
                ? Optional.of(FourInformationParser.parse(certificate))
                : Optional.empty();
        PublicKey subjectKey = parsed.subjectKey()
                .orElseThrow(() -> new JpkiVerificationException(JpkiError.POLICY_MISMATCH, "unsupported subject key"));
        CardSignatureAlgorithm algorithm = CardSignatureAlgorithm
                .forKey(parsed.holder().getSubjectPublicKeyInfo(), subjectKey)
                .orElseThrow(() -> new JpkiVerificationException(JpkiError.POLICY_MISMATCH, "unsupported subject key"));
        if (!algorithm.verifies(subjectKey, request.signedBytes(), request.signature())) {
            throw new JpkiVerificationException(JpkiError.SIGNATURE_MISMATCH,
                    "the " + request.signature().length + "-byte signature does not verify as " + algorithm.jcaName()
                            + " over the " + request.signedBytes().length + " signed bytes");
        }
        return new OfflineVerification(type, certificate.getSerialNumber(), anchor,
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), certificate,
                fourInformation, now);
    }

    /** The checker's answer, copied into a stage of our own (never completing the caller's) with the timeout. */
    private CompletableFuture<RevocationStatus> askRevocation(OfflineVerification offline) {
        CompletableFuture<RevocationStatus> answer = new CompletableFuture<>();
        try {
            CompletionStage<RevocationStatus> stage = revocation.check(
                    new RevocationQuery(offline.certificate(), offline.issuer(), offline.type(), offline.verifiedAt()));
            if (stage == null) {
                answer.completeExceptionally(new IllegalStateException("the revocation checker returned no stage"));
            } else {
                stage.whenComplete((status, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(status);
                    }
                });
            }
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer.orTimeout(options.revocationTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private VerifiedCertificate conclude(OfflineVerification offline, RevocationStatus status, Throwable failure)
            throws JpkiVerificationException {
        Instant checkedAt = clock.instant();
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String what = cause instanceof TimeoutException
                    ? "the revocation check did not answer within " + options.revocationTimeout()
                    : "the revocation check failed (" + cause.getClass().getSimpleName() + ")";
            throw new JpkiVerificationException(JpkiError.REVOCATION_UNKNOWN, what, cause);
        }
        if (status instanceof RevocationStatus.Good good) {
            return VerifiedCertificate.of(offline, good, checkedAt);
        }
        if (status instanceof RevocationStatus.Revoked revoked) {
            throw new JpkiVerificationException(JpkiError.CERTIFICATE_REVOKED, "serial " + offline.serial().toString(16)
                    + " was revoked at " + revoked.revokedAt() + " (reason " + revoked.reason() + ")");
        }
        String detail = status instanceof RevocationStatus.Unknown unknown ? unknown.detail() : "no status";
        throw new JpkiVerificationException(JpkiError.REVOCATION_UNKNOWN,
                "the revocation source does not know serial " + offline.serial().toString(16) + ": " + detail);
    }

    /** RFC 5280 section 4.1.2.5: valid from notBefore to notAfter, both inclusive. */
    private static void checkValidity(String what, X509Certificate certificate, Instant now)
            throws JpkiVerificationException {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw new JpkiVerificationException(JpkiError.CERTIFICATE_EXPIRED,
                    what + " expired at " + notAfter + " (verification time " + now + ")");
        }
        if (now.isBefore(notBefore)) {
            throw new JpkiVerificationException(JpkiError.NOT_YET_VALID,
                    what + " is valid only from " + notBefore + " (verification time " + now + ")");
        }
    }
}
