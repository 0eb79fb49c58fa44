package jp.jpkigate.consent.web;

import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import jp.jpkigate.consent.ConsentAuditTrail;
import jp.jpkigate.consent.api.BusinessAuthentication;
import jp.jpkigate.consent.api.ChangesEndpoint;
import jp.jpkigate.consent.api.CreateInvitationsEndpoint;
import jp.jpkigate.consent.api.CustomerConsentEndpoint;
import jp.jpkigate.consent.api.CustomerConsents;
import jp.jpkigate.consent.api.InvitationQrEndpoint;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.invite.InvitationRequestParser;
import jp.jpkigate.consent.invite.Inviter;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.consent.store.InvitationStore;
import jp.jpkigate.consent.store.redis.RedisConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentStore;
import jp.jpkigate.consent.store.redis.RedisInvitationStore;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.token.AccessTokenVerifier;
import jp.jpkigate.idp.token.ProtectedResourceAccess;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.idp.web.OAuthFailureHandler;

/**
 * The business consent API, for the gateway to mount:
 * <pre>
 * POST /consent/v1/invitations                           consent:write  a batch of customers → links and QR codes
 * GET  /consent/v1/invitations/{id}/qr.svg               consent:write or consent:read
 * GET  /consent/v1/invitations/{id}/qr.png               consent:write or consent:read
 * GET  /consent/v1/customers/{customer_number}/consent   consent:read   the customer's status
 * GET  /consent/v1/changes?cursor=…&amp;limit=…              consent:read   status changes since a cursor
 * </pre>
 * A business authenticates with an access token of the OP's {@code client_credentials} grant, checked as at
 * the OP's other protected resources (Bearer, DPoP, certificate-bound; {@code accessTokens} must be the OP's
 * verifier with the audience its tokens carry, {@code proofs} the OP's DPoP verifier and nonces). It sees
 * only its own invitations and consents. Errors are OAuth JSON; other methods on these paths are 405,
 * unknown paths under {@code /consent/v1/} 404 ({@link OAuthFailureHandler}). No body handler may run before
 * these routes: the invitations route reads its body itself, after the token check.
 */
public final class ConsentApiRoutes {
    /** The API's paths, below the router's mount point. */
    public static final String BASE = "/consent/v1";

    private ConsentApiRoutes() {
    }

    /**
     * With the Redis stores.
     *
     * @param publicBase the public URL the router's paths are served under (the DPoP {@code htu} and the QR
     *                   code URLs are built on it), e.g. the issuer
     */
    public static Router mount(Router router, ConsentApiOptions options, String publicBase, AccessTokenVerifier accessTokens,
                               DpopProofVerifier proofs, ClientCertificates certificates, InvitationLinks links, Redis redis,
                               ConsentAuditTrail audit, Clock clock) {
        return mount(router, options, publicBase, new ProtectedResourceAccess(accessTokens, proofs), proofs, certificates,
                links, new RedisInvitationStore(redis, clock), new RedisConsentStore(redis), new RedisConsentChangeLog(redis),
                audit, clock);
    }

    public static Router mount(Router router, ConsentApiOptions options, String publicBase, ProtectedResourceAccess access,
                               DpopProofVerifier proofs, ClientCertificates certificates, InvitationLinks links,
                               InvitationStore invitations, ConsentStore consents, ConsentChangeLog changes,
                               ConsentAuditTrail audit, Clock clock) {
        options.validate();
        String base = publicBase.replaceAll("/+$", "");
        BusinessAuthentication authentication = new BusinessAuthentication(access, proofs, certificates, base);
        Inviter inviter = new Inviter(invitations, audit, options.invitationPolicy(), clock, new SecureRandom());
        router.post(BASE + "/invitations").handler(new CreateInvitationsEndpoint(authentication,
                new InvitationRequestParser(options.invitationPolicy()), inviter, links, base + BASE, options.maxBodyBytes()));
        router.get(BASE + "/invitations/:id/qr.svg").handler(new InvitationQrEndpoint(authentication, invitations, links,
                InvitationQrEndpoint.Format.SVG));
        router.get(BASE + "/invitations/:id/qr.png").handler(new InvitationQrEndpoint(authentication, invitations, links,
                InvitationQrEndpoint.Format.PNG));
        router.get(BASE + "/customers/:customer_number/consent").handler(new CustomerConsentEndpoint(authentication,
                new CustomerConsents(invitations, consents, clock)));
        router.get(BASE + "/changes").handler(new ChangesEndpoint(authentication, changes));
        for (String path : new String[] {BASE + "/invitations", BASE + "/invitations/:id/qr.svg",
                BASE + "/invitations/:id/qr.png", BASE + "/customers/:customer_number/consent", BASE + "/changes"}) {
            router.route(path).handler(ctx -> ctx.fail(405));
        }
        router.route(BASE + "/*").handler(ctx -> ctx.fail(404));
        router.route(BASE + "/*").failureHandler(new OAuthFailureHandler());
        return router;
    }
}
