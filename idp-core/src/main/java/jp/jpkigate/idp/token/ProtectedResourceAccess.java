package jp.jpkigate.idp.token;

import io.vertx.core.Future;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.dpop.DpopException;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.DpopRequest;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.mtls.CertificateBinding;
import jp.jpkigate.idp.mtls.CertificateThumbprint;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.token.AccessTokenVerifier.VerifiedAccessToken;
import jp.jpkigate.idp.token.BearerTokenException.Code;
import jp.jpkigate.idp.token.BearerTokenException.Scheme;

/**
 * How every protected resource of the gateway ({@code /userinfo}, the consent API) accepts an
 * access token, without HTTP types: the {@code Authorization} header's token (RFC 6750 §2.1
 * {@code Bearer}, or RFC 9449 §7.1 {@code DPoP}) is verified (signature, claims, not revoked) and
 * must carry one of the resource's scopes (else 403 {@code insufficient_scope}).
 *
 * <p>A DPoP-bound token ({@code cnf.jkt}) is accepted only with the {@code DPoP} scheme and a proof
 * by that key whose {@code ath} is the token's hash; sent as {@code Bearer} it is
 * {@code invalid_token} (RFC 9449 §7.2: the binding cannot be dropped). An unbound token sent with
 * the {@code DPoP} scheme is {@code invalid_token} too.
 *
 * <p>A certificate-bound token ({@code cnf.x5t#S256}, RFC 8705 §3) is sent with the {@code Bearer}
 * scheme and accepted only over a connection that presented the same client certificate; with
 * another certificate or none it is 401 {@code invalid_token}.
 */
public final class ProtectedResourceAccess {
    private final AccessTokenVerifier verifier;
    private final DpopProofVerifier proofs;

    public ProtectedResourceAccess(AccessTokenVerifier verifier, DpopProofVerifier proofs) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.proofs = Objects.requireNonNull(proofs, "proofs");
    }

    /** The presented credentials: scheme and token. */
    private record Credentials(Scheme scheme, String token) {
    }

    /**
     * The verified token, once it carries one of {@code anyOfScopes} and its sender constraint holds
     * for this request; fails with {@link BearerTokenException} otherwise, or as the store failed.
     *
     * @param certificate the client certificate of the request's mutual-TLS connection, if any
     */
    public Future<VerifiedAccessToken> check(Optional<String> authorization, DpopRequest dpop,
                                             Optional<ClientCertificate> certificate, Set<String> anyOfScopes) {
        Credentials credentials;
        try {
            credentials = credentials(authorization);
        } catch (BearerTokenException e) {
            return Future.failedFuture(e);
        }
        // A DPoP-scheme request's proof is checked (its jti recorded) while the token is: one Redis round
        // trip for both. The token's answer still comes first, as if they ran one after the other.
        Future<JwkThumbprint> proof = credentials.scheme() == Scheme.DPOP
                ? proofs.verify(dpop, Optional.of(credentials.token())) : null;
        return verifier.verify(credentials.token())
                .recover(failure -> Future.failedFuture(failure instanceof BearerTokenException e
                        ? new BearerTokenException(e.code(), e.description(), credentials.scheme()) : failure))
                .compose(token -> {
                    try {
                        if (token.scopes().stream().noneMatch(anyOfScopes::contains)) {
                            throw new BearerTokenException(Code.INSUFFICIENT_SCOPE, "the " + describe(anyOfScopes)
                                    + " scope is required", credentials.scheme());
                        }
                        checkScheme(credentials.scheme(), dpopKey(token));
                        checkCertificate(token, certificate);
                    } catch (BearerTokenException e) {
                        return Future.failedFuture(e);
                    }
                    return bound(token, proof).map(token);
                });
    }

    private static String describe(Set<String> scopes) {
        return String.join(" or ", scopes.stream().sorted().toList());
    }

    /**
     * RFC 9449 §7.1: a bound token needs a proof by its key over this request and the token ({@code proof}:
     * its verification, started with the token's; null when the scheme is not DPoP).
     */
    private static Future<Void> bound(VerifiedAccessToken token, Future<JwkThumbprint> proof) {
        Optional<JwkThumbprint> key = dpopKey(token);
        if (key.isEmpty()) {
            return Future.succeededFuture();
        }
        return proof.recover(failure -> Future.failedFuture(failure instanceof DpopException d ? fromDpop(d) : failure))
                .compose(jkt -> jkt.equals(key.get()) ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new BearerTokenException(Code.INVALID_TOKEN, "Invalid DPoP key binding",
                                Scheme.DPOP)));
    }

    /** The DPoP key a token is bound to ({@code cnf.jkt}), if it is. */
    private static Optional<JwkThumbprint> dpopKey(VerifiedAccessToken token) {
        return token.confirmation().flatMap(Confirmation::dpopKey);
    }

    /** RFC 8705 §3: a certificate-bound token needs its certificate on this connection. */
    private static void checkCertificate(VerifiedAccessToken token, Optional<ClientCertificate> certificate)
            throws BearerTokenException {
        Optional<CertificateThumbprint> bound = token.confirmation().flatMap(Confirmation::certificate);
        if (bound.isPresent() && !CertificateBinding.sameCertificate(bound.get(), certificate)) {
            throw new BearerTokenException(Code.INVALID_TOKEN,
                    "the access token is bound to a client certificate this connection did not present", Scheme.BEARER);
        }
    }

    private static void checkScheme(Scheme scheme, Optional<JwkThumbprint> dpopKey) throws BearerTokenException {
        if (dpopKey.isPresent() && scheme == Scheme.BEARER) {
            throw new BearerTokenException(Code.INVALID_TOKEN,
                    "the access token is DPoP-bound: send it with the DPoP scheme and a DPoP proof", Scheme.BEARER);
        }
        if (dpopKey.isEmpty() && scheme == Scheme.DPOP) {
            throw new BearerTokenException(Code.INVALID_TOKEN, "the access token is not DPoP-bound", Scheme.DPOP);
        }
    }

    private static BearerTokenException fromDpop(DpopException e) {
        Code code = e.code() == DpopException.Code.USE_DPOP_NONCE ? Code.USE_DPOP_NONCE : Code.INVALID_DPOP_PROOF;
        return new BearerTokenException(code, e.description(), Scheme.DPOP);
    }

    private static Credentials credentials(Optional<String> authorization) throws BearerTokenException {
        if (authorization.isEmpty()) {
            throw new BearerTokenException(Code.MISSING, "no access token");
        }
        String header = authorization.get();
        int space = header.indexOf(' ');
        String name = space < 0 ? "" : header.substring(0, space).toLowerCase(Locale.ROOT);
        Scheme scheme = switch (name) {
            case "bearer" -> Scheme.BEARER;
            case "dpop" -> Scheme.DPOP;
            default -> throw new BearerTokenException(Code.INVALID_REQUEST,
                    "the Authorization header must use the Bearer or DPoP scheme");
        };
        String token = header.substring(space + 1).trim();
        if (token.isEmpty()) {
            throw new BearerTokenException(Code.INVALID_REQUEST, "empty access token", scheme);
        }
        return new Credentials(scheme, token);
    }
}
