package jp.jpkigate.consent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.consent.AuditLogTrail;
import jp.jpkigate.consent.ItemDigester;
import jp.jpkigate.consent.audit.AuditDetail;
import jp.jpkigate.consent.audit.ConsentAuditEvent;
import jp.jpkigate.consent.audit.redis.RedisConsentAuditLog;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.registry.ConsentRegistration;
import jp.jpkigate.consent.registry.RegistryLink;
import jp.jpkigate.consent.store.redis.RedisConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentStore;
import jp.jpkigate.consent.store.redis.RedisInvitationStore;
import jp.jpkigate.consent.web.ConsentPageRoutes;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.JpkiVerifierOptions;
import jp.jpkigate.idp.jpki.RevocationQuery;
import jp.jpkigate.idp.jpki.RevocationStatus;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.subject.PersonKeyResolver;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.web.OpenIdProviderRoutes;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.http.SimHttpServer;
import jp.jpkigate.sim.http.SimPublisherSources;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.CertStatus;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The consent pages over HTTP, on the OP's test slice ({@link LoginFixture}: real Redis, the simulator's
 * cards, the account login) and beside it: the {@link ConsentPageRoutes} on their own port 0 sharing
 * the OP's Vert.x, Redis and clock; a JPKI verifier whose revocation answers come from the simulator's
 * registry (so a revoked card is refused); the production person keys through the simulator's linkage
 * API (so a card's signature and authentication certificates give one person); the real J-LIS link
 * against the simulator's consent registry; the hash-chained audit log. A test plays the browser (its
 * consent cookie) and the signer app.
 */
public final class ConsentPagesFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String ISSUER = OpFixture.ISSUER;
    public static final String CONSENT_COOKIE = "__Host-jpkigate-consent";
    public static final String PURPOSE = "お届けの住所・氏名の変更を確認するため";
    private static final Pattern CSRF = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([A-Za-z0-9_-]+)\">");
    private static final Pattern SIGN_PAGE = Pattern.compile(Pattern.quote(ISSUER) + "(/consent/sign|/account/consents/sign)/([A-Za-z0-9_-]{43})/page");
    private static final SecureRandom RANDOM = new SecureRandom();

    public LoginFixture op;
    public SimHttpServer simulator;
    public HttpServer server;
    public WebClient web;
    public InvitationLinks links;
    public RedisInvitationStore invitations;
    public RedisConsentStore consents;
    public RedisConsentChangeLog changes;
    public ConsentRegistration registration;
    public RedisConsentAuditLog audit;
    public PersonKeyResolver persons;
    public final ItemDigester itemDigests = new ItemDigester(randomKey());

    /** A browser at the consent pages: its cookie header. */
    public record Browser(String cookie) {
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    public static ConsentPagesFixture start() throws Exception {
        ConsentPagesFixture fixture = new ConsentPagesFixture();
        fixture.open();
        return fixture;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private void open() throws Exception {
        op = LoginFixture.start();
        TrustAnchors anchors = TrustAnchors.of("sim", op.sim.cas().all().stream().map(SimCa::certificate).toList());
        JpkiVerifier verifier = new JpkiVerifier(anchors, q -> CompletableFuture.completedFuture(status(q)), op.clock,
                JpkiVerifierOptions.defaults());
        simulator = TestRedis.await(SimHttpServer.start(op.vertx, SimPublisherSources.of(op.sim.registry(), op.clock),
                "127.0.0.1", 0));
        persons = OpenIdProviderRoutes.linkedPersonKeys(op.vertx, op.redis, "http://127.0.0.1:" + simulator.port(), anchors);
        ClientRegistry clients = ClientRegistry.parse(OpFixture.clientsJson(new JWKSet(List.<JWK>of(
                SigningKeys.generateKey(JWSAlgorithm.ES256))).toPublicJWKSet()), op.config.scopesSupported());
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        links = new InvitationLinks(ISSUER, key);
        invitations = new RedisInvitationStore(op.redis, op.clock);
        consents = new RedisConsentStore(op.redis);
        changes = new RedisConsentChangeLog(op.redis);
        audit = new RedisConsentAuditLog(op.vertx, op.redis);
        // The real J-LIS link against the simulator's registry (its timers are not started: nothing is retried here).
        registration = RegistryLink.create(op.vertx, op.redis, "http://127.0.0.1:" + simulator.port(), Duration.ofSeconds(10),
                Duration.ofSeconds(30), RegistryLink.backoff(Duration.ofSeconds(30), Duration.ofHours(1)), Duration.ofMinutes(5),
                new AuditLogTrail(audit, op.clock), id -> "Bank " + id, List::of, "pages-test", op.clock).sync();
        Router router = Router.router(op.vertx);
        ConsentPageRoutes.mount(router, op.redis, new ConsentPageRoutes.Wiring(ISSUER, clients, links, verifier, persons,
                registration, audit, java.util.Optional.of(itemDigests), op.clock));
        server = TestRedis.await(op.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        web = WebClient.create(op.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()).setFollowRedirects(false));
    }

    /** The simulator registry's word on a certificate: revoked or on hold, else good now. */
    private RevocationStatus status(RevocationQuery query) {
        for (CertId id : op.sim.registry().findSerial(query.serial())) {
            CertStatus status = op.sim.registry().status(id);
            if (!status.good()) {
                return new RevocationStatus.Revoked(CrlReason.AFFILIATION_CHANGED, status.at());
            }
        }
        return new RevocationStatus.Good(op.clock.instant());
    }

    /** {@code bank} invites {@code customer} for name and address, for 30 days; saved. */
    public Invitation invite(String customer) throws Exception {
        return invite(customer, Duration.ofDays(30));
    }

    public Invitation invite(String customer, Duration life) throws Exception {
        Instant now = op.clock.instant();
        Invitation invitation = new Invitation(InvitationLinks.newId(RANDOM), OpFixture.BANK, customer,
                List.of(FourInformationItem.NAME, FourInformationItem.ADDRESS), PURPOSE, now, now.plus(life));
        TestRedis.await(invitations.saveAll(List.of(invitation), Duration.ofDays(30)));
        return invitation;
    }

    /** The audit log's events of one record, as {@code "<type> [<reason>]"}, in order. */
    public List<String> auditOf(String record) throws Exception {
        return TestRedis.await(audit.read(1, 100_000)).stream().map(e -> e.event()).filter(e -> e.record().equals(record))
                .map(ConsentPagesFixture::describe).toList();
    }

    private static String describe(ConsentAuditEvent event) {
        String reason = event.details().get(AuditDetail.REASON);
        return event.type().wireName() + (reason == null ? "" : " " + reason);
    }

    public HttpResponse<Buffer> get(String path, String cookie) throws Exception {
        var request = web.get(path);
        if (cookie != null) {
            request.putHeader("Cookie", cookie);
        }
        return TestRedis.await(request.send());
    }

    public HttpResponse<Buffer> postForm(String path, String cookie, String body) throws Exception {
        var request = web.post(path).putHeader("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) {
            request.putHeader("Cookie", cookie);
        }
        return TestRedis.await(request.sendBuffer(Buffer.buffer(body)));
    }

    /** A new browser opens the invitation's link: the page (200) and its cookie. */
    public Browser openInvitation(Invitation invitation) throws Exception {
        HttpResponse<Buffer> page = get(linkPath(invitation), null);
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        return new Browser(cookieOf(page));
    }

    public String linkPath(Invitation invitation) {
        return "/consent/i/" + links.token(invitation.id());
    }

    /** The browser presses "sign" on the invitation's page: the consent signing transaction id. */
    public String startSigning(Browser browser, Invitation invitation) throws Exception {
        HttpResponse<Buffer> page = get(linkPath(invitation), browser.cookie());
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        return signingTxnOf(postForm(linkPath(invitation), browser.cookie(), "csrf=" + csrfOf(page)));
    }

    /** The transaction of a 303 to a signing page. */
    public static String signingTxnOf(HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(303);
        Matcher m = SIGN_PAGE.matcher(answer.getHeader("Location"));
        assertThat(m.matches()).as(answer.getHeader("Location")).isTrue();
        return m.group(2);
    }

    /** What the signer app posts: {@code device}'s certificate of one kind and a signature with a key of another. */
    public JsonObject signed(String txn, Device device, CaKind certificateKind, CaKind signingKind) throws Exception {
        HttpResponse<Buffer> challenge = get("/consent/sign/" + txn, null);
        assertThat(challenge.statusCode()).as(challenge.bodyAsString()).isEqualTo(200);
        byte[] data = Base64.getUrlDecoder().decode(challenge.bodyAsJsonObject().getString("signed_data"));
        CardClient client = new CardClient(op.sim.store().loadCard(device.id()));
        byte[] signature = client.sign(signingKind, secretFor(signingKind), data);
        byte[] certificate = client.readCertificate(certificateKind, secretFor(certificateKind)).getEncoded();
        return new JsonObject().put("certificate", Base64.getEncoder().encodeToString(certificate))
                .put("signature", Base64.getEncoder().encodeToString(signature));
    }

    public HttpResponse<Buffer> postSigner(String txn, JsonObject body) throws Exception {
        return TestRedis.await(web.post("/consent/sign/" + txn).putHeader("Content-Type", "application/json")
                .sendBuffer(body.toBuffer()));
    }

    /** {@code device} signs the document with its {@code kind} key and certificate: the signer API's answer. */
    public JsonObject sign(String txn, Device device, CaKind kind) throws Exception {
        HttpResponse<Buffer> posted = postSigner(txn, signed(txn, device, kind, kind));
        assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(200);
        return posted.bodyAsJsonObject();
    }

    /** {@code person}'s signature certificate serial. */
    public BigInteger signatureSerial(Device person) throws Exception {
        return new CardClient(op.sim.store().loadCard(person.id())).readCertificate(CaKind.SIGNATURE, LoginFixture.PASSWORD)
                .getSerialNumber();
    }

    /** The whole consent by {@code person} through the invitation in a new browser: the continue's answer. */
    public HttpResponse<Buffer> consent(Invitation invitation, Device person) throws Exception {
        Browser browser = openInvitation(invitation);
        String txn = startSigning(browser, invitation);
        assertThat(sign(txn, person, CaKind.SIGNATURE).getString("status")).isEqualTo("verified");
        return get("/consent/sign/" + txn + "/continue", browser.cookie());
    }

    /**
     * {@code person} logs in to the account area for its consents (at the OP, authentication certificate):
     * the account cookie as a Cookie header value.
     */
    public String accountLogin(Device person) throws Exception {
        HttpResponse<Buffer> login = op.get("/account/approvals?next=consents", null);
        assertThat(login.statusCode()).isEqualTo(200);
        String txn = LoginFixture.transactionOf(login);
        assertThat(login.bodyAsString()).contains("data-continue-url=\"login/" + txn + "/continue?next=consents\"");
        op.sign(txn, person, CaKind.AUTHENTICATION);
        HttpResponse<Buffer> signedIn = op.get("/account/login/" + txn + "/continue?next=consents", LoginFixture.cookieOf(login));
        assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(303);
        assertThat(signedIn.getHeader("Location")).isEqualTo(ISSUER + "/account/consents");
        return LoginFixture.cookieOf(signedIn);
    }

    public static String csrfOf(HttpResponse<Buffer> page) {
        Matcher m = CSRF.matcher(page.bodyAsString());
        assertThat(m.find()).as(page.bodyAsString()).isTrue();
        return m.group(1);
    }

    /** The consent cookie a response set, as a Cookie header value. */
    public static String cookieOf(HttpResponse<Buffer> response) {
        String set = response.cookies().stream().filter(c -> c.startsWith(CONSENT_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(set).contains("Path=/", "Secure", "SameSite=Lax").containsIgnoringCase("HttpOnly");
        return set.substring(0, set.indexOf(';'));
    }

    /** No URL a page or answer holds (links, forms, scripts, polling, redirects) carries {@code secret}. */
    public static void assertNotInAnyUrl(HttpResponse<Buffer> answer, String secret) {
        String location = answer.getHeader("Location");
        assertThat(location == null ? "" : location).doesNotContain(secret);
        String body = answer.bodyAsString() == null ? "" : answer.bodyAsString();
        Matcher urls = Pattern.compile("(?:href|action|src|data-[a-z-]*url)=\"([^\"]*)\"").matcher(body);
        while (urls.find()) {
            assertThat(urls.group(1)).doesNotContain(secret);
        }
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String secretFor(CaKind kind) {
        return kind == CaKind.SIGNATURE ? LoginFixture.PASSWORD : LoginFixture.PIN;
    }

    @Override
    public void close() throws Exception {
        try {
            if (web != null) {
                web.close();
            }
        } finally {
            op.close();
        }
    }
}
