package jp.jpkigate.idp.dpop;

import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.dpop.DpopException.Code;
import jp.jpkigate.idp.store.ReplayCache;

/**
 * Checks a DPoP proof (RFC 9449 §4.3) against its request and yields the key's thumbprint
 * ({@code jkt}): the header checks of {@link DpopProofParser}, then the claims — {@code jti} of
 * 1-256 characters, {@code htm} equal to the method, {@code htu} equal to the endpoint's public URL
 * after normalisation ({@link TargetUri}), the server nonce when nonces are required
 * ({@code use_dpop_nonce} otherwise, §8), {@code iat} inside [now − maxAge, now + maxFuture] of the
 * injected clock, and at a resource {@code ath} = base64url(SHA-256(access token)) (§4.3 check 12).
 * Last, because it costs a Redis round trip, the {@code jti} must be new for this key: remembered
 * under {@code jkt + jti} for {@link DpopOptions#replayWindow()} (§11.1).
 *
 * <p>Every failure is a {@link DpopException}; no input makes it throw anything else.
 */
public final class DpopProofVerifier {
    /** The {@link ReplayCache} namespace of proof {@code jti}s. */
    public static final String REPLAY_NAMESPACE = "dpop";
    /** The longest {@code jti} accepted. */
    public static final int MAX_JTI_LENGTH = 256;

    private final DpopOptions options;
    private final ReplayCache replays;
    private final Clock clock;
    private final Optional<DpopNonces> nonces;

    public DpopProofVerifier(DpopOptions options, ReplayCache replays, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.replays = Objects.requireNonNull(replays, "replays");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = options.requireNonces()
                ? Optional.of(new DpopNonces(options.nonceKey(), options.nonceLifetime(), clock))
                : Optional.empty();
    }

    /** A proof that passed every check but the replay cache. */
    public record CheckedProof(JwkThumbprint jkt, String jti) {
    }

    /** The nonce to send in {@code DPoP-Nonce} (RFC 9449 §8.2), when nonces are required. */
    public Optional<String> freshNonce() {
        return nonces.map(DpopNonces::current);
    }

    /** A proof that must be there: the key's thumbprint, or a failed future with a {@link DpopException}. */
    public Future<JwkThumbprint> verify(DpopRequest request, Optional<String> accessToken) {
        CheckedProof proof;
        try {
            proof = check(request, accessToken);
        } catch (DpopException e) {
            return Future.failedFuture(e);
        }
        return replays.firstUse(REPLAY_NAMESPACE, proof.jkt().value() + "\n" + proof.jti(), options.replayWindow())
                .compose(first -> first
                        ? Future.succeededFuture(proof.jkt())
                        : Future.failedFuture(DpopException.invalid("DPoP proof replayed (jti already used)")));
    }

    /** An optional proof (token endpoint, PAR): empty without a {@code DPoP} header, else {@link #verify}. */
    public Future<Optional<JwkThumbprint>> verifyIfPresent(DpopRequest request) {
        return request.hasProof() ? verify(request, Optional.empty()).map(Optional::of) : Future.succeededFuture(Optional.empty());
    }

    /** Every check except the replay cache; pure apart from reading the clock. */
    public CheckedProof check(DpopRequest request, Optional<String> accessToken) throws DpopException {
        DpopProofParser.Parsed parsed = DpopProofParser.parse(request.proofs());
        JWTClaimsSet claims;
        String jti;
        String htm;
        String htu;
        String nonce;
        String ath;
        Date iat;
        try {
            claims = parsed.jwt().getJWTClaimsSet();
            jti = claims.getJWTID();
            htm = claims.getStringClaim("htm");
            htu = claims.getStringClaim("htu");
            nonce = claims.getStringClaim("nonce");
            ath = claims.getStringClaim("ath");
            iat = claims.getIssueTime();
        } catch (java.text.ParseException | RuntimeException e) {
            throw DpopException.invalid("malformed DPoP proof claims");
        }
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
            throw DpopException.invalid("jti must be 1-" + MAX_JTI_LENGTH + " characters");
        }
        if (!request.method().equals(htm)) {
            throw DpopException.invalid("htm does not match the request method");
        }
        if (!TargetUri.parse(htu).equals(Optional.of(request.target()))) {
            throw DpopException.invalid("htu does not match the request URI");
        }
        checkNonce(nonce);
        checkIssuedAt(iat);
        if (accessToken.isPresent() && (ath == null || !MessageDigest.isEqual(
                ath.getBytes(StandardCharsets.US_ASCII), accessTokenHash(accessToken.get()).getBytes(StandardCharsets.US_ASCII)))) {
            throw DpopException.invalid("ath does not match the access token");
        }
        return new CheckedProof(JwkThumbprint.of(parsed.key()), jti);
    }

    private void checkNonce(String nonce) throws DpopException {
        if (nonces.isEmpty()) {
            return;
        }
        if (nonce == null) {
            throw new DpopException(Code.USE_DPOP_NONCE, "a DPoP nonce is required: use the DPoP-Nonce response header");
        }
        if (!nonces.get().isValid(nonce)) {
            throw new DpopException(Code.USE_DPOP_NONCE, "the DPoP nonce is invalid or expired: use the DPoP-Nonce response header");
        }
    }

    private void checkIssuedAt(Date iat) throws DpopException {
        if (iat == null) {
            throw DpopException.invalid("iat missing");
        }
        Instant now = clock.instant();
        Instant issued = iat.toInstant();
        if (issued.isBefore(now.minus(options.maxAge()))) {
            throw DpopException.invalid("the DPoP proof is too old (iat)");
        }
        if (issued.isAfter(now.plus(options.maxFuture()))) {
            throw DpopException.invalid("the DPoP proof is issued in the future (iat)");
        }
    }

    /** RFC 9449 §4.2 {@code ath}: base64url of SHA-256 of the access token's ASCII. */
    public static String accessTokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
