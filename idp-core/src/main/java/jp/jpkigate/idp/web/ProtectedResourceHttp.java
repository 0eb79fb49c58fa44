package jp.jpkigate.idp.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.mtls.MalformedClientCertificateException;
import jp.jpkigate.idp.token.AccessTokenVerifier.VerifiedAccessToken;
import jp.jpkigate.idp.token.BearerTokenException;
import jp.jpkigate.idp.token.BearerTokenException.Code;
import jp.jpkigate.idp.token.ProtectedResourceAccess;

/**
 * The HTTP ends of a protected resource ({@code /userinfo}, the consent API): the request's
 * {@code Authorization} header, {@code DPoP} proofs (against the resource's public URL, never the
 * {@code Host} header) and client certificate go to {@link ProtectedResourceAccess}; a DPoP nonce is
 * offered first, so every answer carries one when nonces are required. A failed check is answered as
 * RFC 6750 §3 / RFC 9449 §7.1 say: the status, {@code WWW-Authenticate} listing both schemes with the
 * error in the one it concerns, and the error as JSON (no error code when no token was sent).
 */
public final class ProtectedResourceHttp {
    private ProtectedResourceHttp() {
    }

    /** The request's valid token with one of {@code anyOfScopes}; fails with {@link BearerTokenException} otherwise. */
    public static Future<VerifiedAccessToken> check(HttpServerRequest request, HttpServerResponse response,
                                                    ProtectedResourceAccess access, DpopProofVerifier proofs,
                                                    TargetUri target, ClientCertificates certificates,
                                                    Set<String> anyOfScopes) {
        DpopHttp.offerNonce(response, proofs);
        Optional<ClientCertificate> certificate;
        try {
            certificate = certificates.read(request);
        } catch (MalformedClientCertificateException e) {
            return Future.failedFuture(new BearerTokenException(Code.INVALID_REQUEST, e.getMessage()));
        }
        return access.check(Optional.ofNullable(request.getHeader("Authorization")), DpopHttp.request(request, target),
                certificate, anyOfScopes);
    }

    /**
     * Answers {@code failure} when it is a {@link BearerTokenException} (true); false for anything else,
     * which the caller hands to its failure handler.
     */
    public static boolean answer(HttpServerResponse response, Throwable failure) {
        if (!(failure instanceof BearerTokenException bearer)) {
            return false;
        }
        if (!response.headWritten()) {
            response.putHeader("WWW-Authenticate", bearer.wwwAuthenticate(OAuthResponses.REALM));
            Map<String, Object> body = new LinkedHashMap<>();
            if (bearer.code().value() != null) {
                body.put("error", bearer.code().value());
                body.put("error_description", bearer.description());
            }
            OAuthResponses.json(response, bearer.code().status(), body);
        }
        return true;
    }
}
