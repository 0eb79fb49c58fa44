package jp.jpkigate.idp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.idp.approval.ApprovalOptions;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.dpop.DpopOptions;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.JpkiVerifierOptions;
import jp.jpkigate.idp.jpki.RevocationStatus;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.limit.ClientRateLimit;
import jp.jpkigate.idp.limit.RateLimitOptions;
import jp.jpkigate.idp.session.SessionOptions;
import jp.jpkigate.idp.subject.CertificatePersonKeys;
import jp.jpkigate.idp.token.TokenOptions;
import jp.jpkigate.idp.web.OpenIdProviderRoutes;
import jp.jpkigate.idp.web.TokenManagementRoutes;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The OP's login (with single sign-on and logout), consent, account and token routes running for HTTP
 * tests, with the simulator's virtual cards as the signers: an {@link OpServer} (real redis-server,
 * Vert.x with a short blocked-loop warning, the routes on port 0), a clock the test moves, the
 * {@link OpFixture} clients ({@code bank} with one ES256 key, and any further metadata the test gives
 * it) and the RP's DPoP key ({@code bank} is a FAPI client: its token requests carry a proof, RFC 9449).
 * DPoP server nonces are off unless the fixture is built with {@link DpopOptions} that require them. A
 * {@link Setup} adds clients, changes the OP's configuration and puts TLS on the listener (the
 * mutual-TLS tests). A test plays the browser (the page, its login cookie) and the signer app; the
 * helpers here are the steps. One per test class:
 * {@code @RegisterExtension static final LoginFixture op = new LoginFixture();} (or {@link #start()} and
 * {@link #close()} by hand).
 */
public final class LoginFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String PIN = "1234";
    public static final String PASSWORD = "PASSWORD1";
    public static final String NONCE = "n-0S6_WzA2Mj";
    private static final Pattern STATUS_URL = Pattern.compile("data-status-url=\"(?:\\.\\./)?login/([A-Za-z0-9_-]{43})/status\"");
    private static final Pattern CSRF = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([A-Za-z0-9_-]+)\">");

    private final DpopOptions dpopOptions;
    /** Extra members of {@code bank}'s client metadata (JSON members without braces), or empty. */
    private final String bankMetadata;
    /** People issued by this fixture: each fixture's first card is 髙橋 花子, the others 髙橋 次郎. */
    private final AtomicInteger people = new AtomicInteger();
    public MutableClock clock;
    public Path simDir;
    public SimState sim;
    /** The first person's card (髙橋 花子, Shinjuku). */
    public Device card;
    public OpServer opServer;
    public TestRedis redisServer;
    public Vertx vertx;
    public Redis redis;
    public HttpServer server;
    public WebClient web;
    public ECKey bankKey;
    public SigningKeys opKeys;
    /** The RP's DPoP key, through Nimbus's proof factory. */
    public DefaultDPoPProofFactory rpDpop;
    public OpenIdProviderConfig config;
    private RateLimitOptions clientLimit = RateLimitOptions.OFF;
    private final Setup setup;

    /**
     * What a test changes: more client objects for the registry (JSON, comma-separated, may be empty),
     * the OP's configuration, the listener's options and those of the fixture's web client.
     */
    public record Setup(String moreClients, UnaryOperator<OpenIdProviderConfig> configure, HttpServerOptions server,
                        WebClientOptions client) {
        /** The {@link OpFixture} clients, plain HTTP. */
        public static final Setup PLAIN = new Setup("", config -> config, new HttpServerOptions(), new WebClientOptions());
    }

    /** A browser's login: the page, its transaction id, login cookie, state and PKCE verifier. */
    public record Page(HttpResponse<Buffer> response, String txn, String cookie, State state, CodeVerifier verifier) {
    }

    /** Started by the extension callback, or by {@link #start()}; DPoP server nonces off. */
    public LoginFixture() {
        this(DpopOptions.withoutNonces(), "", Setup.PLAIN);
    }

    /** With these DPoP options (server nonces, clock skew) at PAR, token and userinfo. */
    public LoginFixture(DpopOptions dpop) {
        this(dpop, "", Setup.PLAIN);
    }

    /**
     * With more of {@code bank}'s client metadata, e.g. {@code "backchannel_logout_uri":"http://127.0.0.1:1/bcl"};
     * DPoP server nonces off.
     */
    public LoginFixture(String bankMetadata) {
        this(DpopOptions.withoutNonces(), bankMetadata, Setup.PLAIN);
    }

    public LoginFixture(DpopOptions dpop, String bankMetadata) {
        this(dpop, bankMetadata, Setup.PLAIN);
    }

    /** Set up differently (more clients, configuration, TLS); DPoP server nonces off. */
    public LoginFixture(Setup setup) {
        this(DpopOptions.withoutNonces(), "", setup);
    }

    private LoginFixture(DpopOptions dpop, String bankMetadata, Setup setup) {
        this.dpopOptions = dpop;
        this.bankMetadata = bankMetadata;
        this.setup = setup;
    }

    /** Limits each client's requests to {@code /par} and {@code /token} (timed by the fixture's clock); call before start. */
    public LoginFixture limitingClients(RateLimitOptions options) {
        this.clientLimit = options;
        return this;
    }

    /** The DPoP options of the fixture's OP routes, for other servers on its Redis and clock. */
    public DpopOptions dpopOptions() {
        return dpopOptions;
    }

    public static LoginFixture start() throws Exception {
        LoginFixture fixture = new LoginFixture();
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
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        simDir = Files.createTempDirectory("login-fixture-sim");
        sim = SimState.init(simDir, clock, new SecureRandom(), false);
        card = issueCard();
        TrustAnchors anchors = TrustAnchors.of("sim", sim.cas().all().stream().map(SimCa::certificate).toList());
        JpkiVerifier verifier = new JpkiVerifier(anchors,
                q -> CompletableFuture.completedFuture(RevocationStatus.good(clock.instant())), clock, JpkiVerifierOptions.defaults());
        opServer = OpServer.open(300);
        redisServer = opServer.redisServer;
        vertx = opServer.vertx;
        redis = opServer.redis;
        config = setup.configure().apply(OpenIdProviderConfig.defaults(OpFixture.ISSUER));
        bankKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        String clientsJson = OpFixture.clientsJson(new JWKSet(List.<JWK>of(bankKey)).toPublicJWKSet());
        if (!bankMetadata.isEmpty()) {
            clientsJson = clientsJson.replace("{\"client_id\":\"" + OpFixture.BANK + "\",",
                    "{\"client_id\":\"" + OpFixture.BANK + "\"," + bankMetadata + ",");
        }
        if (!setup.moreClients().isEmpty()) {
            clientsJson = clientsJson.substring(0, clientsJson.length() - 1) + "," + setup.moreClients() + "]";
        }
        ClientRegistry clients = ClientRegistry.parse(clientsJson, config.scopesSupported());
        opKeys = SigningKeys.generate(JWSAlgorithm.ES256);
        rpDpop = new DefaultDPoPProofFactory(SigningKeys.generateKey(JWSAlgorithm.ES256), JWSAlgorithm.ES256, Jca.BC);
        TokenOptions tokens = TokenOptions.defaults("a-test-pairwise-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8));
        ClientRateLimit limit = new ClientRateLimit(clientLimit, clock);
        Router router = OpenIdProviderRoutes.create(vertx, config, opKeys, clients, redis, dpopOptions, limit, clock);
        OpenIdProviderRoutes.addLoginRoutes(router, vertx, config, opKeys, clients, verifier, redis, CertificatePersonKeys.INSTANCE,
                tokens, ApprovalOptions.defaults(), SessionOptions.defaults(), clock);
        OpenIdProviderRoutes.addTokenRoutes(router, vertx, config, opKeys, clients, redis, tokens,
                CertificatePersonKeys.INSTANCE, dpopOptions, limit, clock);
        TokenManagementRoutes.add(router, vertx, config, opKeys, clients, redis, tokens, clock);
        opServer.listen(router, false, setup.server(), setup.client());
        server = opServer.server();
        web = opServer.web();
    }

    /** A new person's card (PIN {@link #PIN}, password {@link #PASSWORD}): someone who never approved anything. */
    public Device issueCard() throws Exception {
        Device issued = sim.registry().life().issue(new CardRequest("髙橋", people.getAndIncrement() == 0 ? "花子" : "次郎",
                LocalDate.of(1990, 1, 2), FourInfo.Gender.FEMALE, "東京都新宿区西新宿二丁目８番１号",
                new Municipality("Tokyo", "Shinjuku-ku"), PIN, PASSWORD, KeyAlgorithm.RSA_2048));
        sim.save();
        return issued;
    }

    /** {@code bank}'s private_key_jwt, timed by the fixture's clock (so it passes after the test moved the clock). */
    public PrivateKeyJWT bankAuth() throws Exception {
        Date now = Date.from(clock.instant());
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK),
                List.of(new Audience(OpFixture.ISSUER)), Date.from(clock.instant().plusSeconds(60)), now, now, new JWTID());
        return new PrivateKeyJWT(claims, JWSAlgorithm.ES256, bankKey.toECPrivateKey(), bankKey.getKeyID(), Jca.BC);
    }

    /**
     * A DPoP proof of the RP's key for {@code method} on the OP's {@code path} (iat from the fixture's
     * clock), with {@code ath} for an access token and the server's nonce when given (null for none).
     */
    public SignedJWT dpopProof(String method, String path, String accessToken, String nonce) throws Exception {
        return rpDpop.createDPoPJWT(new JWTID(), method, URI.create(OpFixture.ISSUER + path), Date.from(clock.instant()),
                accessToken == null ? null : new DPoPAccessToken(accessToken), nonce == null ? null : new Nonce(nonce));
    }

    /** A token request as {@code bank} must send it (FAPI: DPoP-bound access tokens only), with a proof of the RP's key. */
    public HttpResponse<Buffer> sendToken(TokenRequest request) throws Exception {
        HTTPRequest http = request.toHTTPRequest();
        http.setDPoP(dpopProof("POST", "/token", null, null));
        return send(http);
    }

    /** Sends a Nimbus-built request over the Vert.x client (never Nimbus's blocking HTTP). */
    public HttpResponse<Buffer> send(HTTPRequest http) throws Exception {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        http.getHeaderMap().forEach((k, v) -> headers.set(k, String.join(",", v)));
        return TestRedis.await(web.post(http.getURL().getPath()).putHeaders(headers).sendBuffer(Buffer.buffer(http.getBody())));
    }

    public Page authorize(Scope scope) throws Exception {
        return authorize(scope, null, null);
    }

    /** {@code bank} pushes its request (with a claims request and a prompt when given) and the browser opens the page. */
    public Page authorize(Scope scope, String claims, com.nimbusds.openid.connect.sdk.Prompt prompt) throws Exception {
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest.Builder builder = request(scope, state, verifier).prompt(prompt);
        if (claims != null) {
            builder.claims(OIDCClaimsRequest.parse(claims));
        }
        return open(push(builder.build()), state, verifier);
    }

    /** {@code bank}'s request as {@link #authorize} builds it: scope, state, nonce {@link #NONCE}, S256 of the verifier. */
    public static AuthenticationRequest.Builder request(Scope scope, State state, CodeVerifier verifier) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, scope, new ClientID(OpFixture.BANK),
                URI.create(OpFixture.BANK_REDIRECT))
                .state(state).nonce(new Nonce(NONCE)).codeChallenge(verifier, CodeChallengeMethod.S256);
    }

    /** {@code bank} pushes {@code request}; the request_uri. */
    public String push(AuthenticationRequest request) throws Exception {
        HttpResponse<Buffer> pushed = send(new PushedAuthorizationRequest(URI.create(OpFixture.ISSUER + "/par"), bankAuth(),
                request).toHTTPRequest());
        if (pushed.statusCode() != 201) {
            throw new AssertionError("PAR: " + pushed.statusCode() + " " + pushed.bodyAsString());
        }
        return PushedAuthorizationResponse.parse(OpFixture.toNimbus(pushed)).toSuccessResponse().getRequestURI().toString();
    }

    /** The browser, with {@code cookies} (a Cookie header, or null), opens {@code /authorize} for a pushed request. */
    public HttpResponse<Buffer> openWith(String requestUri, String cookies) throws Exception {
        return openWith(OpFixture.BANK, requestUri, cookies);
    }

    /** The same for a client's pushed request. */
    public HttpResponse<Buffer> openWith(String clientId, String requestUri, String cookies) throws Exception {
        return get("/authorize?client_id=" + clientId + "&request_uri=" + URLEncoder.encode(requestUri, StandardCharsets.UTF_8),
                cookies);
    }

    /** {@code bank} redeems a code at {@code /token} with a DPoP proof ({@link #sendToken}); the parsed answer. */
    public com.nimbusds.oauth2.sdk.TokenResponse redeem(String code, CodeVerifier verifier) throws Exception {
        HttpResponse<Buffer> answer = sendToken(new TokenRequest(URI.create(OpFixture.ISSUER + "/token"),
                bankAuth(), new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(new com.nimbusds.oauth2.sdk.AuthorizationCode(code),
                        URI.create(OpFixture.BANK_REDIRECT), verifier)));
        return com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser.parse(OpFixture.toNimbus(answer));
    }

    /** The browser opens {@code /authorize} with {@code bank}'s pushed request. */
    public Page open(String requestUri, State state, CodeVerifier verifier) throws Exception {
        return open(OpFixture.BANK, requestUri, state, verifier);
    }

    /** The browser opens {@code /authorize} with a client's pushed request. */
    public Page open(String clientId, String requestUri, State state, CodeVerifier verifier) throws Exception {
        HttpResponse<Buffer> page = openWith(clientId, requestUri, null);
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        return new Page(page, transactionOf(page), cookieOf(page), state, verifier);
    }

    /** The transaction id a login page polls. */
    public static String transactionOf(HttpResponse<Buffer> page) {
        Matcher m = STATUS_URL.matcher(page.bodyAsString());
        assertThat(m.find()).as(page.bodyAsString()).isTrue();
        return m.group(1);
    }

    /** The Set-Cookie header of the cookie {@code name} in a response, or null. */
    public static String setCookie(HttpResponse<Buffer> response, String name) {
        return response.cookies().stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
    }

    /** The first Set-Cookie of a response as a Cookie header value. */
    public static String cookieOf(HttpResponse<Buffer> response) {
        String setCookie = response.cookies().get(0);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    public HttpResponse<Buffer> get(String path, String cookie) throws Exception {
        var request = web.get(path);
        if (cookie != null) {
            request.putHeader("Cookie", cookie);
        }
        return TestRedis.await(request.send());
    }

    /** A form POST as a browser sends it. */
    public HttpResponse<Buffer> postForm(String path, String cookie, String body) throws Exception {
        var request = web.post(path).putHeader("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) {
            request.putHeader("Cookie", cookie);
        }
        return TestRedis.await(request.sendBuffer(Buffer.buffer(body)));
    }

    /** The signer app posting a body for a transaction. */
    public HttpResponse<Buffer> postSigner(String txn, JsonObject body) throws Exception {
        return TestRedis.await(web.post("/login/" + txn).putHeader("Content-Type", "application/json")
                .sendBuffer(body.toBuffer()));
    }

    /** What the signer app posts: {@code device}'s certificate of one kind and a signature with a key of another kind. */
    public JsonObject signed(String txn, Device device, CaKind certificateKind, CaKind signingKind, boolean tamper) throws Exception {
        HttpResponse<Buffer> challenge = get("/login/" + txn, null);
        assertThat(challenge.statusCode()).as(challenge.bodyAsString()).isEqualTo(200);
        byte[] data = Base64.getUrlDecoder().decode(challenge.bodyAsJsonObject().getString("signed_data"));
        if (tamper) {
            data = ("x" + new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        CardClient client = new CardClient(sim.store().loadCard(device.id()));
        byte[] signature = client.sign(signingKind, secretFor(signingKind), data);
        byte[] certificate = client.readCertificate(certificateKind, secretFor(certificateKind)).getEncoded();
        return new JsonObject().put("certificate", Base64.getEncoder().encodeToString(certificate))
                .put("signature", Base64.getEncoder().encodeToString(signature));
    }

    /** {@code device} signs the transaction with the {@code kind} key and certificate; the OP must answer verified. */
    public void sign(String txn, Device device, CaKind kind) throws Exception {
        HttpResponse<Buffer> posted = postSigner(txn, signed(txn, device, kind, kind, false));
        assertThat(posted.bodyAsJsonObject().getString("status")).as(posted.bodyAsString()).isEqualTo("verified");
    }

    /** The page's continue after the card signed. */
    public HttpResponse<Buffer> continueLogin(Page page) throws Exception {
        return get("/login/" + page.txn() + "/continue", page.cookie());
    }

    /** The anti-CSRF token of a page's form. */
    public static String csrfOf(HttpResponse<Buffer> page) {
        Matcher m = CSRF.matcher(page.bodyAsString());
        assertThat(m.find()).as(page.bodyAsString()).isTrue();
        return m.group(1);
    }

    /** Opens the consent page and presses a button ({@code approve} or {@code deny}). */
    public HttpResponse<Buffer> decide(Page page, String decision) throws Exception {
        HttpResponse<Buffer> consent = get("/login/" + page.txn() + "/consent", page.cookie());
        assertThat(consent.statusCode()).as(consent.bodyAsString()).isEqualTo(200);
        return postForm("/login/" + page.txn() + "/consent", page.cookie(), "csrf=" + csrfOf(consent) + "&decision=" + decision);
    }

    /** {@code card} signs the page's login with its {@code kind} key, consent is approved if asked: the code. */
    public String signIn(Page page, CaKind kind) throws Exception {
        sign(page.txn(), card, kind);
        return codeOf(continueApproving(page));
    }

    /** Continues, approving the consent page if it is shown; the redirect to the client. */
    public String continueApproving(Page page) throws Exception {
        HttpResponse<Buffer> next = continueLogin(page);
        assertThat(next.statusCode()).as(next.bodyAsString()).isEqualTo(303);
        String location = next.getHeader("Location");
        if (location.equals(consentUrl(page))) {
            HttpResponse<Buffer> approved = decide(page, "approve");
            assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(303);
            location = approved.getHeader("Location");
        }
        return location;
    }

    public static String consentUrl(Page page) {
        return OpFixture.ISSUER + "/login/" + page.txn() + "/consent";
    }

    /** The code of a redirect to the client. */
    public static String codeOf(String location) {
        String code = query(location).get("code");
        assertThat(code).as(location).isNotNull();
        return code;
    }

    public static Map<String, String> query(String location) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String secretFor(CaKind kind) {
        return kind == CaKind.SIGNATURE ? PASSWORD : PIN;
    }

    @Override
    public void close() throws Exception {
        opServer.close();
    }
}
