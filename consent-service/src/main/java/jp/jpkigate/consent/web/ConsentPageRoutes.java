package jp.jpkigate.consent.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import jp.jpkigate.consent.ItemDigester;
import jp.jpkigate.consent.audit.ConsentAuditLog;
import jp.jpkigate.consent.dashboard.ConsentDashboard;
import jp.jpkigate.consent.dashboard.DashboardEndpoint;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.page.ConsentFlow;
import jp.jpkigate.consent.page.ConsentPages;
import jp.jpkigate.consent.page.ConsentServices;
import jp.jpkigate.consent.page.InvitationPagesEndpoint;
import jp.jpkigate.consent.page.SignerEndpoint;
import jp.jpkigate.consent.page.SigningStatusEndpoint;
import jp.jpkigate.consent.registry.ConsentRegistration;
import jp.jpkigate.consent.signing.ConsentAudit;
import jp.jpkigate.consent.signing.DocumentSigning;
import jp.jpkigate.consent.signing.redis.RedisSigningTransactionStore;
import jp.jpkigate.consent.store.redis.RedisConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentStore;
import jp.jpkigate.consent.store.redis.RedisInvitationStore;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.login.AccountLogin;
import jp.jpkigate.idp.login.LoginSubmission;
import jp.jpkigate.idp.store.redis.RedisAccountSessionStore;
import jp.jpkigate.idp.subject.PersonKeyResolver;

/**
 * The person's consent pages, their signer API and the consents dashboard, on the gateway's router
 * (the OP's routes must be on it too: the pages use its {@code /static} script and style, and the
 * dashboard its account login and session):
 * <pre>
 * GET  /consent/i/{token}                      the invitation (InvitationLinks token)
 * POST /consent/i/{token}                      csrf → the consent's signing page
 * GET  /consent/start                          business + customer number form
 * POST /consent/start                          → the latest invitation's page, or "ask the business"
 * GET  /consent/sign/{txn}                     signer API: the statement to sign (JSON, the login's shape)
 * POST /consent/sign/{txn}                     signer API: certificate + signature → verified / failed
 * GET  /consent/sign/{txn}/page                QR code, same-device link, polling
 * GET  /consent/sign/{txn}/status              the page's polling
 * GET  /consent/sign/{txn}/continue            records the consent → done page
 * GET  /account/consents                       the person's consents (account login first)
 * POST /account/consents/withdraw              csrf, consent_id → the withdrawal's signing page
 * GET  /account/consents/sign/{txn}/page       QR code, same-device link, polling
 * GET  /account/consents/sign/{txn}/status     the page's polling
 * GET  /account/consents/sign/{txn}/continue   same person → WITHDRAWN → done page
 * </pre>
 */
public final class ConsentPageRoutes {
    private ConsentPageRoutes() {
    }

    /**
     * What the pages need from the gateway.
     *
     * @param issuer       the OP's issuer (pages, signer URLs and statements name it)
     * @param clients      the client registry: business names, and which businesses invite ({@code consent:write})
     * @param links        the invitation link tokens (the same key as the business API's)
     * @param verifier     JPKI verification (chain, profile, signature, revocation)
     * @param persons      the renewal-stable person key (production: the linkage, so a card's signature and
     *                     authentication certificates give the same key)
     * @param registration J-LIS's consent registry
     * @param audit        the hash-chained audit log every consent step is appended to
     * @param itemDigests  the keyed digests of the consented items stored with each consent (the gateway's secret
     *                     key; the 4-information feed uses the same to tell which items changed); without it
     *                     consents carry none and the feed treats every item as changed at its first answer
     */
    public record Wiring(String issuer, ClientRegistry clients, InvitationLinks links, JpkiVerifier verifier,
                         PersonKeyResolver persons, ConsentRegistration registration, ConsentAuditLog audit,
                         Optional<ItemDigester> itemDigests, Clock clock) {
        public Wiring {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(clients, "clients");
            Objects.requireNonNull(links, "links");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(persons, "persons");
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(itemDigests, "itemDigests");
            Objects.requireNonNull(clock, "clock");
        }

        /** Without item digests. */
        public Wiring(String issuer, ClientRegistry clients, InvitationLinks links, JpkiVerifier verifier,
                      PersonKeyResolver persons, ConsentRegistration registration, ConsentAuditLog audit, Clock clock) {
            this(issuer, clients, links, verifier, persons, registration, audit, Optional.empty(), clock);
        }
    }

    /**
     * Mounts the routes with Redis-backed stores (the consent records, invitations and change log of the
     * consent core, the signing transactions, the OP's account sessions). Reads the page templates from
     * the classpath (blocking): call it while building the routes, not on an event loop.
     */
    public static Router mount(Router router, Redis redis, Wiring wiring) {
        String issuer = wiring.issuer();
        Clock clock = wiring.clock();
        SecureRandom random = new SecureRandom();
        ConsentAudit audit = new ConsentAudit(wiring.audit(), clock);
        DocumentSigning signing = new DocumentSigning(issuer, new RedisSigningTransactionStore(redis), wiring.verifier(),
                audit, clock, random);
        ConsentFlow flow = new ConsentFlow(wiring.clients(), new RedisInvitationStore(redis, clock), new ConsentServices(issuer,
                new RedisConsentStore(redis), new RedisConsentChangeLog(redis), wiring.registration(), wiring.persons(), signing,
                audit, clock), wiring.itemDigests());
        ConsentDashboard dashboard = new ConsentDashboard(new RedisAccountSessionStore(redis), flow);
        ConsentPages pages = new ConsentPages();
        InvitationPagesEndpoint invitations = new InvitationPagesEndpoint(flow, signing, wiring.links(), pages, clock, random);
        DashboardEndpoint consentsPage = new DashboardEndpoint(dashboard, signing, pages, clock);
        SignerEndpoint signer = new SignerEndpoint(signing);

        router.get("/consent/i/:token").handler(invitations::review);
        router.post("/consent/i/:token").handler(invitations::sign);
        router.get("/consent/start").handler(invitations::findForm);
        router.post("/consent/start").handler(invitations::find);
        router.get("/consent/sign/:txn").handler(signer::get);
        router.post("/consent/sign/:txn")
                .handler(BodyHandler.create(false).setBodyLimit(LoginSubmission.MAX_BODY_BYTES))
                .handler(signer::post)
                .failureHandler(ctx -> signerFailure(ctx.statusCode(), ctx));
        router.get("/consent/sign/:txn/page").handler(invitations::signingPage);
        router.get("/consent/sign/:txn/status").handler(new SigningStatusEndpoint(signing,
                request -> invitations.cookie().read(request), clock));
        router.get("/consent/sign/:txn/continue").handler(invitations::finish);
        router.get(AccountLogin.CONSENTS_PATH).handler(consentsPage::get);
        router.post(AccountLogin.CONSENTS_PATH + "/withdraw").handler(consentsPage::withdraw);
        router.get(AccountLogin.CONSENTS_PATH + "/sign/:txn/page").handler(consentsPage::signingPage);
        router.get(AccountLogin.CONSENTS_PATH + "/sign/:txn/status").handler(new SigningStatusEndpoint(signing,
                consentsPage::session, clock));
        router.get(AccountLogin.CONSENTS_PATH + "/sign/:txn/continue").handler(consentsPage::finish);
        return router;
    }

    /** The body handler's refusals (413 too large, 400 unreadable) as the signer API's JSON. */
    private static void signerFailure(int status, io.vertx.ext.web.RoutingContext ctx) {
        int code = status == 413 ? 413 : 400;
        ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"invalid_request\",\"error_description\":\""
                        + (code == 413 ? "request body too large" : "malformed request") + "\"}");
    }
}
