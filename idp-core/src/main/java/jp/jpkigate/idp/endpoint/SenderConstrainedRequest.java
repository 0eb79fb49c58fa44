package jp.jpkigate.idp.endpoint;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.DpopRequest;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.mtls.ClientCertificate;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.DpopHttp;
import jp.jpkigate.idp.web.FormBody;

/**
 * What {@code /par} and {@code /token} read of a client's request before the domain sees it: the
 * {@code Authorization} header, the client certificate (TLS session or a trusted proxy's header),
 * the form body, and the key of a valid DPoP proof. A DPoP nonce is offered on the response first,
 * so every answer, errors included, carries one.
 *
 * @param form          the form body
 * @param authorization the {@code Authorization} header
 * @param certificate   the client certificate, when the gateway receives them
 * @param proofKey      the thumbprint of the DPoP proof's key, when a proof was sent
 */
record SenderConstrainedRequest(FormParameters form, Optional<String> authorization,
                                Optional<ClientCertificate> certificate, Optional<JwkThumbprint> proofKey) {

    /** Reads requests to one endpoint ({@code target} is its URL as {@code htu}). */
    record Reader(int maxBodyBytes, DpopProofVerifier proofs, TargetUri target, ClientCertificates certificates) {
        Reader {
            Objects.requireNonNull(proofs, "proofs");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(certificates, "certificates");
        }

        Future<SenderConstrainedRequest> read(RoutingContext ctx) {
            Optional<String> authorization = Optional.ofNullable(ctx.request().getHeader("Authorization"));
            DpopRequest dpop = DpopHttp.request(ctx.request(), target);
            DpopHttp.offerNonce(ctx.response(), proofs);
            return certificates.atAuthorizationServer(ctx.request())
                    .compose(certificate -> FormBody.read(ctx.request(), maxBodyBytes)
                            .compose(form -> DpopHttp.authorizationServerProof(proofs, dpop)
                                    .map(proofKey -> new SenderConstrainedRequest(form, authorization, certificate,
                                            proofKey))));
        }
    }
}
