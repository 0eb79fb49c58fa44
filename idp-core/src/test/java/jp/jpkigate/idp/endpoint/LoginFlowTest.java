package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.jpkigate.idp.authorize.CodeGrant;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.store.redis.RedisAuthorizationCodeStore;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.SimulatedCard;
import jp.jpkigate.idp.web.OpenIdProviderRoutes;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.cli.SimCli;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import jp.jpkigate.testing.TestRedis;

/**
 * The login slice end to end over HTTP: Nimbus pushes the request, {@code /authorize} shows the QR
 * page, a simulator card (directly or through {@code jpki-sim sign --url}) signs, the page's status
 * turns verified and {@code /continue} redirects with code, state and iss. Real Redis, real virtual
 * cards, a clock the test moves.
 */
class LoginFlowTest {
    private static final String PIN = SimulatedCard.PIN;
    private static final String PASSWORD = SimulatedCard.PASSWORD;

    private static MovableClock clock;
    private static Path simDir;
    private static TestRedis redisServer;
    private static Vertx vertx;
    private static Redis redis;
    private static HttpServer server;
    private static WebClient web;
    private static ECKey bankKey;
    private static SimState sim;
    private static Device card;

    @BeforeAll
    static void start() throws Exception {
        clock = new MovableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        simDir = Files.createTempDirectory("login-flow-sim");
        SimulatedCard simulated = SimulatedCard.issue(simDir, clock);
        sim = simulated.sim();
        card = simulated.card();
        JpkiVerifier verifier = simulated.verifier();

        redisServer = TestRedis.start();
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(300).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        redis = redisServer.client(vertx);
        OpenIdProviderConfig config = new OpenIdProviderConfig(new URI(OpFixture.ISSUER),
                java.util.Set.of("openid", "profile", "name", "address", "birthdate", "gender"),
                java.util.Set.of("sub", "name"), List.of(), false, Duration.ofSeconds(60), 8 * 1024);
        bankKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        ClientRegistry clients = ClientRegistry.parse(OpFixture.clientsJson(new JWKSet(List.<JWK>of(bankKey)).toPublicJWKSet()),
                config.scopesSupported());
        Router router = OpenIdProviderRoutes.create(vertx, config, SigningKeys.generate(JWSAlgorithm.ES256), clients, redis, clock);
        OpenIdProviderRoutes.addLoginRoutes(router, config, clients, verifier, redis, clock);
        server = TestRedis.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort())
                .setFollowRedirects(false));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            web.close();
            TestRedis.await(vertx.close());
        } finally {
            redisServer.close();
        }
    }

    /** A browser session: the page, its transaction id and login cookie. */
    record Page(HttpResponse<Buffer> response, String txn, String cookie, State state) {
    }

    private static String push(Scope scope, State state) throws Exception {
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, scope,
                new ClientID(OpFixture.BANK), URI.create(OpFixture.BANK_REDIRECT))
                .state(state).nonce(new Nonce("n-0S6_WzA2Mj")).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build();
        PrivateKeyJWT auth = new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK),
                new Audience(OpFixture.ISSUER)), JWSAlgorithm.ES256, bankKey.toECPrivateKey(), bankKey.getKeyID(), Jca.BC);
        HTTPRequest http = new PushedAuthorizationRequest(URI.create(OpFixture.ISSUER + "/par"), auth, request).toHTTPRequest();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        http.getHeaderMap().forEach((k, v) -> headers.set(k, String.join(",", v)));
        HttpResponse<Buffer> answer = TestRedis.await(web.post("/par").putHeaders(headers).sendBuffer(Buffer.buffer(http.getBody())));
        return PushedAuthorizationResponse.parse(OpFixture.toNimbus(answer)).toSuccessResponse().getRequestURI().toString();
    }

    private static Page authorize(Scope scope) throws Exception {
        State state = new State();
        String requestUri = push(scope, state);
        HttpResponse<Buffer> page = get("/authorize?client_id=" + OpFixture.BANK + "&request_uri="
                + URLEncoder.encode(requestUri, StandardCharsets.UTF_8), null);
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        Matcher m = Pattern.compile("data-status-url=\"login/([A-Za-z0-9_-]{43})/status\"").matcher(page.bodyAsString());
        assertThat(m.find()).isTrue();
        String setCookie = page.cookies().get(0);
        return new Page(page, m.group(1), setCookie.substring(0, setCookie.indexOf(';')), state);
    }

    private static HttpResponse<Buffer> get(String path, String cookie) throws Exception {
        var request = web.get(path);
        if (cookie != null) {
            request.putHeader("Cookie", cookie);
        }
        return TestRedis.await(request.send());
    }

    private static HttpResponse<Buffer> post(String txn, JsonObject body) throws Exception {
        return TestRedis.await(web.post("/login/" + txn).putHeader("Content-Type", "application/json")
                .sendBuffer(body.toBuffer()));
    }

    private static JsonObject signed(String txn, CaKind certificateKind, CaKind signingKind, boolean tamper) throws Exception {
        HttpResponse<Buffer> challenge = get("/login/" + txn, null);
        assertThat(challenge.statusCode()).isEqualTo(200);
        byte[] data = Base64.getUrlDecoder().decode(challenge.bodyAsJsonObject().getString("signed_data"));
        if (tamper) {
            data = ("x" + new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        CardClient client = new CardClient(sim.store().loadCard(card.id()));
        String secret = signingKind == CaKind.SIGNATURE ? PASSWORD : PIN;
        byte[] signature = client.sign(signingKind, secret, data);
        byte[] certificate = client.readCertificate(certificateKind, certificateKind == CaKind.SIGNATURE ? PASSWORD : PIN).getEncoded();
        return new JsonObject().put("certificate", Base64.getEncoder().encodeToString(certificate))
                .put("signature", Base64.getEncoder().encodeToString(signature));
    }

    private static Map<String, String> query(String location) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void parAuthorizeCardSignsStatusVerifiedContinueRedirectsWithCodeStateAndIss() throws Exception {
        Page page = authorize(new Scope("openid", "profile"));
        HttpResponse<Buffer> html = page.response();
        assertThat(html.getHeader("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(html.bodyAsString()).contains("<svg", "<path d=\"M", "Example Bank", "/login/" + page.txn())
                .containsPattern("<script src=\"static/login.js\" defer></script>");
        assertThat(html.bodyAsString()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(get("/static/login.js", null).bodyAsString()).contains("fetch(statusUrl");

        JsonObject challenge = get("/login/" + page.txn(), null).bodyAsJsonObject();
        assertThat(challenge.getString("certificate")).isEqualTo("auth");
        assertThat(new String(Base64.getUrlDecoder().decode(challenge.getString("signed_data")), StandardCharsets.UTF_8))
                .startsWith("jpki-gate-login-v1\nissuer=" + OpFixture.ISSUER + "\ntxn=" + page.txn() + "\nchallenge=")
                .contains("\nclient=bank\nexpires=");
        assertThat(get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status")).isEqualTo("pending");
        assertThat(get("/login/" + page.txn() + "/status", null).statusCode()).isEqualTo(404);

        JsonObject body = signed(page.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, false);
        HttpResponse<Buffer> posted = post(page.txn(), body);
        assertThat(posted.bodyAsJsonObject().getString("status")).as(posted.bodyAsString()).isEqualTo("verified");
        assertThat(get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status")).isEqualTo("verified");

        // someone else's browser (no cookie) cannot continue
        assertThat(get("/login/" + page.txn() + "/continue", null).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> cont = get("/login/" + page.txn() + "/continue", page.cookie());
        assertThat(cont.statusCode()).isEqualTo(303);
        String location = cont.getHeader("Location");
        assertThat(location).startsWith(OpFixture.BANK_REDIRECT + "?code=");
        Map<String, String> params = query(location);
        assertThat(params).containsEntry("state", page.state().getValue()).containsEntry("iss", OpFixture.ISSUER);

        Optional<CodeGrant> grant = TestRedis.await(new RedisAuthorizationCodeStore(redis).consume(params.get("code")));
        assertThat(grant).isPresent();
        assertThat(grant.get().amr()).containsExactly("sc", "pin");
        assertThat(grant.get().acr()).isEqualTo("urn:jpkigate:acr:jpki-auth");
        assertThat(grant.get().nonce()).contains("n-0S6_WzA2Mj");
        assertThat(grant.get().signer().fourInformation()).isEmpty();

        // reused transaction: second post 409, second continue an error page
        assertThat(get("/login/" + page.txn(), null).statusCode()).isEqualTo(409);
        assertThat(post(page.txn(), body).statusCode()).isEqualTo(409);
        assertThat(post(page.txn(), new JsonObject().put("certificate", "AAAA").put("signature", "AAAA")).statusCode()).isEqualTo(409);
        HttpResponse<Buffer> second = get("/login/" + page.txn() + "/continue", page.cookie());
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.bodyAsString()).contains("already been used");
    }

    @Test
    void fourInformationNeedsTheSignatureCertificateAndAnAuthCertificateIsWrongType() throws Exception {
        Page page = authorize(new Scope("openid", "name"));
        assertThat(get("/login/" + page.txn(), null).bodyAsJsonObject().getString("certificate")).isEqualTo("sign");
        JsonObject outcome = post(page.txn(), signed(page.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, false)).bodyAsJsonObject();
        assertThat(outcome.getString("status")).isEqualTo("failed");
        assertThat(outcome.getString("error")).isEqualTo("wrong_certificate_type");
        JsonObject status = get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject();
        assertThat(status.getString("status")).isEqualTo("failed");
        assertThat(status.getString("message_en")).contains("signature certificate");
        Map<String, String> params = query(get("/login/" + page.txn() + "/continue", page.cookie()).getHeader("Location"));
        assertThat(params).containsEntry("error", "access_denied").containsEntry("iss", OpFixture.ISSUER)
                .containsEntry("state", page.state().getValue());
        assertThat(params.get("error_description")).contains("wrong_certificate_type");
    }

    @Test
    void signatureCertificateLoginCarriesTheFourInformationIntoTheCode() throws Exception {
        Page page = authorize(new Scope("openid", "name", "address"));
        JsonObject outcome = post(page.txn(), signed(page.txn(), CaKind.SIGNATURE, CaKind.SIGNATURE, false)).bodyAsJsonObject();
        assertThat(outcome.getString("status")).as(outcome.encode()).isEqualTo("verified");
        String code = query(get("/login/" + page.txn() + "/continue", page.cookie()).getHeader("Location")).get("code");
        CodeGrant grant = TestRedis.await(new RedisAuthorizationCodeStore(redis).consume(code)).orElseThrow();
        assertThat(grant.acr()).isEqualTo("urn:jpkigate:acr:jpki-sign");
        assertThat(grant.signer().fourInformation()).isPresent();
        assertThat(grant.signer().fourInformation().get().address()).contains("新宿区");
    }

    @Test
    void badSignatureFailsWithSignatureMismatch() throws Exception {
        Page page = authorize(new Scope("openid"));
        JsonObject outcome = post(page.txn(), signed(page.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, true)).bodyAsJsonObject();
        assertThat(outcome.getString("error")).isEqualTo("signature_mismatch");
        assertThat(query(get("/login/" + page.txn() + "/continue", page.cookie()).getHeader("Location")).get("error_description"))
                .contains("signature_mismatch");
    }

    @Test
    void expiredTransactionIsRefusedToTheSignerAndDeniedToTheClient() throws Exception {
        Page page = authorize(new Scope("openid"));
        JsonObject body = signed(page.txn(), CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, false);
        clock.advance(Duration.ofMinutes(6));
        try {
            HttpResponse<Buffer> late = post(page.txn(), body);
            assertThat(late.statusCode()).isEqualTo(404);
            assertThat(late.bodyAsJsonObject().getString("error")).isEqualTo("expired_transaction");
            assertThat(get("/login/" + page.txn(), null).statusCode()).isEqualTo(404);
            assertThat(get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status")).isEqualTo("expired");
            Map<String, String> params = query(get("/login/" + page.txn() + "/continue", page.cookie()).getHeader("Location"));
            assertThat(params).containsEntry("error", "access_denied");
            assertThat(params.get("error_description")).contains("expired");
        } finally {
            clock.advance(Duration.ofMinutes(-6));
        }
    }

    @Test
    void unknownRequestUriIsAnErrorPageNotARedirect() throws Exception {
        HttpResponse<Buffer> page = get("/authorize?client_id=bank&request_uri="
                + URLEncoder.encode("urn:ietf:params:oauth:request_uri:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", StandardCharsets.UTF_8), null);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.getHeader("Location")).isNull();
        assertThat(page.getHeader("Content-Security-Policy")).isNotNull();
        assertThat(page.bodyAsString()).contains("invalid_request_uri");
        // an unknown client: a page too
        assertThat(get("/authorize?client_id=nobody&redirect_uri=https://evil.example/cb", null).statusCode()).isEqualTo(400);
    }

    @Test
    void parRequiredClientSendingPlainParametersIsRedirectedAnError() throws Exception {
        HttpResponse<Buffer> answer = get("/authorize?client_id=bank&response_type=code&scope=openid&state=xyz"
                + "&redirect_uri=" + URLEncoder.encode(OpFixture.BANK_REDIRECT, StandardCharsets.UTF_8)
                + "&code_challenge=" + new CodeVerifier().getValue().substring(0, 43) + "&code_challenge_method=S256", null);
        assertThat(answer.statusCode()).isEqualTo(303);
        Map<String, String> params = query(answer.getHeader("Location"));
        assertThat(params).containsEntry("error", "invalid_request").containsEntry("state", "xyz").containsEntry("iss", OpFixture.ISSUER);
        assertThat(params.get("error_description")).contains("pushed authorization requests");
        // with an unregistered redirect URI: a page
        assertThat(get("/authorize?client_id=bank&response_type=code&redirect_uri=https://evil.example/cb", null).statusCode()).isEqualTo(400);
    }

    @Test
    void plainParametersForANonParClientAndTheCliSignsThroughTheSignerUrl() throws Exception {
        String verifier = new CodeVerifier().getValue();
        String challenge = com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue();
        HttpResponse<Buffer> page = get("/authorize?client_id=legacy&response_type=code&scope=openid&state=s1"
                + "&redirect_uri=" + URLEncoder.encode("http://localhost:8080/cb", StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256", null);
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        Matcher m = Pattern.compile("data-status-url=\"login/([A-Za-z0-9_-]{43})/status\"").matcher(page.bodyAsString());
        assertThat(m.find()).isTrue();
        String txn = m.group(1);
        String cookie = page.cookies().get(0).substring(0, page.cookies().get(0).indexOf(';'));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimCli(clock, new SecureRandom(), new ByteArrayInputStream(new byte[0]), Map.of()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("--state", simDir.toString(), "sign", "--card", card.id(), "--pin", PIN,
                "--url", "http://127.0.0.1:" + server.actualPort() + "/login/" + txn);
        assertThat(exit).as(out + " / " + err).isZero();
        assertThat(out.toString()).contains("login verified (AUTH_CARD)");
        assertThat(out.toString() + err).doesNotContain(PIN);

        HttpResponse<Buffer> cont = get("/login/" + txn + "/continue", cookie);
        Map<String, String> params = query(cont.getHeader("Location"));
        assertThat(params).containsKey("code").containsEntry("state", "s1").containsEntry("iss", OpFixture.ISSUER);

        // the CLI again on the used transaction: conflict
        int again = cli.execute("--state", simDir.toString(), "sign", "--card", card.id(), "--pin", PIN,
                "--url", "http://127.0.0.1:" + server.actualPort() + "/login/" + txn);
        assertThat(again).isEqualTo(jp.jpkigate.sim.cli.ExitCodes.CONFLICT);
    }

    @Test
    void malformedSignerRequestsAreClientErrors() throws Exception {
        Page page = authorize(new Scope("openid"));
        assertThat(TestRedis.await(web.post("/login/" + page.txn()).putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("x"))).statusCode()).isEqualTo(415);
        assertThat(TestRedis.await(web.post("/login/" + page.txn()).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"certificate\": 5}"))).statusCode()).isEqualTo(400);
        assertThat(get("/login/not-a-transaction", null).statusCode()).isEqualTo(404);
        assertThat(get("/login/" + page.txn() + "/status", page.cookie()).bodyAsJsonObject().getString("status")).isEqualTo("pending");
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
