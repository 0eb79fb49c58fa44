package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.JpkiVerifierOptions;
import jp.jpkigate.idp.jpki.RevocationStatus;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.store.redis.RedisPushedRequestStore;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.RequestObjectBuilder;
import jp.jpkigate.idp.web.OpenIdProviderRoutes;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request objects over HTTP at {@code /par} and {@code /authorize}, against a real Redis, with
 * clients of every kind: {@code bank} (FAPI, inline keys), {@code signer} (FAPI, registered with
 * {@code require_signed_request_object}), {@code remote} (FAPI, keys at a {@code jwks_uri} served
 * here), {@code direct} (not FAPI, no PAR required, signed request objects required) and
 * {@code legacy} (secret, no keys). The clock is the test's.
 */
class RequestObjectEndpointsTest {
    private static final String DIRECT_REDIRECT = "https://rp.direct.example/cb";

    private static jp.jpkigate.testing.MutableClock clock;
    private static TestRedis redisServer;
    private static Vertx vertx;
    private static HttpServer server;
    private static HttpServer jwksServer;
    private static WebClient web;
    private static RedisPushedRequestStore pushedRequests;
    private static final AtomicInteger jwksFetches = new AtomicInteger();
    private static final ECKey BANK_KEY = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
    private static final ECKey REMOTE_KEY = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);

    @BeforeAll
    static void start() throws Exception {
        clock = new jp.jpkigate.testing.MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        redisServer = TestRedis.start();
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(300).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        Redis redis = redisServer.client(vertx);
        jwksServer = TestRedis.await(vertx.createHttpServer().requestHandler(req -> {
            jwksFetches.incrementAndGet();
            req.response().putHeader("Content-Type", "application/jwk-set+json").end(new JWKSet(REMOTE_KEY).toPublicJWKSet().toString());
        }).listen(0, "127.0.0.1"));
        OpenIdProviderConfig config = OpenIdProviderConfig.defaults(OpFixture.ISSUER);
        String keys = new JWKSet(BANK_KEY).toPublicJWKSet().toString();
        String fixture = OpFixture.clientsJson(new JWKSet(List.<JWK>of(BANK_KEY)).toPublicJWKSet());
        ClientRegistry clients = ClientRegistry.parse(fixture.substring(0, fixture.length() - 1)
                + ",{\"client_id\":\"signer\",\"redirect_uris\":[\"" + OpFixture.BANK_REDIRECT + "\"],"
                + "\"require_signed_request_object\":true,\"jwks\":" + keys + "}"
                + ",{\"client_id\":\"remote\",\"redirect_uris\":[\"" + OpFixture.BANK_REDIRECT + "\"],"
                + "\"jwks_uri\":\"http://127.0.0.1:" + jwksServer.actualPort() + "/jwks\"}"
                + ",{\"client_id\":\"direct\",\"fapi\":false,\"require_pushed_authorization_requests\":false,"
                + "\"require_signed_request_object\":true,\"redirect_uris\":[\"" + DIRECT_REDIRECT + "\"],\"jwks\":" + keys + "}]",
                config.scopesSupported());
        JpkiVerifier verifier = new JpkiVerifier(TrustAnchors.jlis(),
                q -> CompletableFuture.completedFuture(RevocationStatus.good(clock.instant())), clock, JpkiVerifierOptions.defaults());
        Router router = OpenIdProviderRoutes.create(vertx, config, SigningKeys.generate(JWSAlgorithm.ES256), clients, redis, clock);
        OpenIdProviderRoutes.addLoginRoutes(router, vertx, config, clients, verifier, redis,
                jp.jpkigate.idp.subject.CertificatePersonKeys.INSTANCE,
                jp.jpkigate.idp.token.TokenOptions.defaults("a-test-pairwise-secret-of-32-bytes!".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)),
                jp.jpkigate.idp.approval.ApprovalOptions.defaults(), clock);
        server = TestRedis.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort())
                .setFollowRedirects(false));
        pushedRequests = new RedisPushedRequestStore(redis);
    }

    @AfterAll
    static void stop() throws Exception {
        try (TestRedis closing = redisServer) {
            TestRedis.await(vertx.close()); // with it the web client and both servers
        }
    }

    private static RequestObjectBuilder requestObject(String clientId) {
        return RequestObjectBuilder.of(clientId, clientId.equals("direct") ? DIRECT_REDIRECT : OpFixture.BANK_REDIRECT,
                clock.instant());
    }

    /** A private_key_jwt client assertion, aud the issuer as a string, valid a minute from the test's clock. */
    private static Map<String, String> clientAuth(String clientId, ECKey key) throws Exception {
        Instant now = clock.instant();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(OpFixture.ISSUER)
                        .jwtID("ca-" + System.nanoTime()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).build());
        jwt.sign(JwsAlgorithms.signer(key, JWSAlgorithm.ES256));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", jwt.serialize());
        return form;
    }

    private static HttpResponse<Buffer> push(String clientId, ECKey key, Map<String, String> params) throws Exception {
        Map<String, String> form = clientAuth(clientId, key);
        form.putAll(params);
        return TestRedis.await(web.post("/par").putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer(PushedAuthorizationEndpointTest.encode(form))));
    }

    private static HttpResponse<Buffer> pushRequest(String clientId, ECKey key, String request) throws Exception {
        return push(clientId, key, Map.of("request", request));
    }

    private static String refused(HttpResponse<Buffer> answer, String code) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
        JsonObject body = answer.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo(code);
        return body.getString("error_description");
    }

    private static HttpResponse<Buffer> authorize(String query) throws Exception {
        return TestRedis.await(web.get("/authorize?" + query).send());
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> redirectQuery(HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(303);
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(answer.getHeader("Location")).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void aPushedRequestObjectIsStoredWithItsOwnParametersAndTheFormsAreIgnored() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request", requestObject(OpFixture.BANK).claim("max_age", 900L).signedWith(BANK_KEY));
        form.put("client_id", OpFixture.BANK);
        form.put("redirect_uri", "https://evil.example/cb");
        form.put("scope", "openid profile");
        form.put("state", "outer-state");
        form.put("prompt", "none");
        HttpResponse<Buffer> answer = push(OpFixture.BANK, BANK_KEY, form);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        AuthorizationRequest stored = TestRedis.await(pushedRequests.consume(answer.bodyAsJsonObject().getString("request_uri")))
                .orElseThrow();
        assertThat(stored.redirectUri()).isEqualTo(URI.create(OpFixture.BANK_REDIRECT));
        assertThat(stored.scopes()).containsExactly("openid");
        assertThat(stored.state()).contains("ro-state");
        assertThat(stored.nonce()).contains("ro-nonce");
        assertThat(stored.prompt()).isEmpty();
        assertThat(stored.maxAge()).hasValue(900);
    }

    @Test
    void theRequestObjectsRedirectUriMustStillBeRegistered() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request", requestObject(OpFixture.BANK).claim("redirect_uri", "https://evil.example/cb").signedWith(BANK_KEY));
        form.put("redirect_uri", OpFixture.BANK_REDIRECT);
        assertThat(refused(push(OpFixture.BANK, BANK_KEY, form), "invalid_request")).contains("redirect_uri");
    }

    @Test
    void badRequestObjectsAtParAreInvalidRequestObjectWithADescription() throws Exception {
        Map<String, UnaryOperator<RequestObjectBuilder>> spoilers = new LinkedHashMap<>();
        spoilers.put("aud", b -> b.claim("aud", OpFixture.ISSUER + "/par"));
        spoilers.put("expired", b -> b.claim("nbf", clock.instant().minusSeconds(600)).claim("exp", clock.instant().minusSeconds(60)));
        spoilers.put("nbf in the future", b -> b.claim("nbf", clock.instant().plusSeconds(120)));
        spoilers.put("over 60 minutes", b -> b.claim("exp", clock.instant().plus(Duration.ofMinutes(61))));
        spoilers.put("iss", b -> b.claim("iss", OpFixture.LEGACY));
        spoilers.put("client_id", b -> b.claim("client_id", "signer"));
        for (Map.Entry<String, UnaryOperator<RequestObjectBuilder>> spoiler : spoilers.entrySet()) {
            String request = spoiler.getValue().apply(requestObject(OpFixture.BANK)).signedWith(BANK_KEY);
            assertThat(refused(pushRequest(OpFixture.BANK, BANK_KEY, request), "invalid_request_object"))
                    .as(spoiler.getKey()).contains(spoiler.getKey());
        }
        assertThat(refused(pushRequest(OpFixture.BANK, BANK_KEY, requestObject(OpFixture.BANK).unsigned()), "invalid_request_object"))
                .contains("alg none");
        String hs256 = requestObject(OpFixture.BANK).signedWith(new MACSigner(new byte[32]), JWSAlgorithm.HS256, null);
        assertThat(refused(pushRequest(OpFixture.BANK, BANK_KEY, hs256), "invalid_request_object")).contains("algorithm");
        String foreign = requestObject(OpFixture.BANK).signedWith(SigningKeys.generateKey(JWSAlgorithm.ES256));
        assertThat(refused(pushRequest(OpFixture.BANK, BANK_KEY, foreign), "invalid_request_object")).contains("key");
    }

    @Test
    void aClientThatMustSignCannotPushPlainParameters() throws Exception {
        Map<String, String> plain = Map.of("client_id", "signer", "response_type", "code", "scope", "openid",
                "redirect_uri", OpFixture.BANK_REDIRECT, "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "code_challenge_method", "S256");
        assertThat(refused(push("signer", BANK_KEY, plain), "invalid_request")).contains("signed request object");
        assertThat(pushRequest("signer", BANK_KEY, requestObject("signer").signedWith(BANK_KEY)).statusCode()).isEqualTo(201);
        assertThat(push(OpFixture.BANK, BANK_KEY, plain.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> e.getKey().equals("client_id") ? OpFixture.BANK : e.getValue()))).statusCode())
                .as("a client not registered so may").isEqualTo(201);
    }

    @Test
    void aJwksUriClientsRequestObjectIsVerifiedWithItsFetchedKeys() throws Exception {
        HttpResponse<Buffer> answer = pushRequest("remote", REMOTE_KEY, requestObject("remote").signedWith(REMOTE_KEY));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        int fetches = jwksFetches.get();
        ECKey forged = new ECKey.Builder((ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256)).keyID(REMOTE_KEY.getKeyID()).build();
        assertThat(refused(pushRequest("remote", REMOTE_KEY, requestObject("remote").signedWith(forged)), "invalid_request_object"))
                .contains("signature invalid");
        assertThat(jwksFetches.get()).as("the cached keys served the client assertion and the request object").isEqualTo(fetches);
    }

    @Test
    void aRequestObjectByValueAtAuthorizeOpensTheLoginForAClientWithoutParRequirement() throws Exception {
        HttpResponse<Buffer> page = authorize("client_id=direct&request=" + requestObject("direct").signedWith(BANK_KEY));
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("data-status-url=\"login/");

        // the signed request's own mistakes are redirected to its (registered) redirect URI, with its state
        Map<String, String> scope = redirectQuery(authorize("client_id=direct&request="
                + requestObject("direct").claim("scope", "openid unknown").signedWith(BANK_KEY)));
        assertThat(scope).containsEntry("error", "invalid_scope").containsEntry("state", "ro-state")
                .containsEntry("iss", OpFixture.ISSUER);
    }

    @Test
    void aRefusedRequestObjectAtAuthorizeIsAnErrorPageNeverARedirect() throws Exception {
        String expired = requestObject("direct").claim("nbf", clock.instant().minusSeconds(600))
                .claim("exp", clock.instant().minusSeconds(60)).signedWith(BANK_KEY);
        HttpResponse<Buffer> page = authorize("client_id=direct&redirect_uri=" + encoded(DIRECT_REDIRECT) + "&request=" + expired);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.getHeader("Location")).isNull();
        assertThat(page.bodyAsString()).contains("invalid_request_object", "expired");
        HttpResponse<Buffer> evil = authorize("client_id=direct&request="
                + requestObject("direct").claim("redirect_uri", "https://evil.example/cb").signedWith(BANK_KEY));
        assertThat(evil.statusCode()).isEqualTo(400);
        assertThat(evil.getHeader("Location")).isNull();
        HttpResponse<Buffer> none = authorize("client_id=direct&request=" + requestObject("direct").unsigned());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.bodyAsString()).contains("invalid_request_object");
    }

    @Test
    void aClientThatMustSignIsRefusedPlainParametersAtAuthorize() throws Exception {
        Map<String, String> params = redirectQuery(authorize("client_id=direct&response_type=code&scope=openid&state=s9"
                + "&redirect_uri=" + encoded(DIRECT_REDIRECT) + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256"));
        assertThat(params).containsEntry("error", "invalid_request").containsEntry("state", "s9");
        assertThat(params.get("error_description")).contains("signed request object");
    }

    @Test
    void aParClientCannotSendItsRequestObjectToAuthorize() throws Exception {
        HttpResponse<Buffer> answer = authorize("client_id=bank&request=" + requestObject(OpFixture.BANK).signedWith(BANK_KEY));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.getHeader("Location")).isNull();
        Map<String, String> params = redirectQuery(authorize("client_id=bank&redirect_uri=" + encoded(OpFixture.BANK_REDIRECT)
                + "&request=" + requestObject(OpFixture.BANK).signedWith(BANK_KEY)));
        assertThat(params.get("error_description")).contains("pushed authorization requests");
    }

    @Test
    void discoveryAnnouncesRequestObjects() throws Exception {
        JsonObject metadata = TestRedis.await(web.get("/.well-known/openid-configuration").send()).bodyAsJsonObject();
        assertThat(metadata.getBoolean("request_parameter_supported")).isTrue();
        assertThat(metadata.getJsonArray("request_object_signing_alg_values_supported").getList())
                .containsExactly("ES256", "PS256", "EdDSA");
        assertThat(metadata.getBoolean("require_signed_request_object")).isFalse();
        assertThat(metadata.getBoolean("request_uri_parameter_supported")).isFalse();
    }
}
