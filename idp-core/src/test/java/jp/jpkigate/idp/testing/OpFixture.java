package jp.jpkigate.idp.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import jp.jpkigate.idp.client.ApiScopes;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.store.redis.RedisPushedRequestStore;
import jp.jpkigate.idp.web.OpenIdProviderRoutes;
import jp.jpkigate.idp.web.TokenManagementRoutes;
import jp.jpkigate.testing.TestRedis;

/**
 * A running OP slice for HTTP tests: a real redis-server, Vert.x with a short blocked-loop warning,
 * the {@link OpenIdProviderRoutes} (with {@link TokenManagementRoutes}) on port 0, and two clients —
 * {@code bank} (FAPI, private_key_jwt with an ES256 and an Ed25519 key; also client_credentials for
 * the API scopes consent:write and consent:read) and {@code legacy} (non-FAPI, client_secret_basic).
 */
public final class OpFixture implements AutoCloseable {
    public static final String ISSUER = "https://op.jpkigate.test";
    public static final String BANK = "bank";
    public static final String BANK_REDIRECT = "https://rp.bank.example/cb";
    public static final String LEGACY = "legacy";
    public static final String LEGACY_SECRET = "s3cret-for-tests";

    public final TestRedis redisServer;
    public final Vertx vertx;
    public final Redis redis;
    public final HttpServer server;
    public final WebClient web;
    public final OpenIdProviderConfig config;
    public final SigningKeys opKeys;
    public final ECKey bankEcKey;
    public final OctetKeyPair bankEdKey;
    public final ClientRegistry clients;
    public final RedisPushedRequestStore pushedRequests;

    private final OpServer op;

    private OpFixture() throws Exception {
        op = OpServer.open(200);
        redisServer = op.redisServer;
        vertx = op.vertx;
        redis = op.redis;
        config = new OpenIdProviderConfig(new java.net.URI(ISSUER),
                java.util.Set.of("openid", "profile", "name", "address", "birthdate", "gender", ApiScopes.CONSENT_WRITE,
                        ApiScopes.CONSENT_READ, ApiScopes.FEED_READ),
                java.util.Set.of("sub", "name", "address", "birthdate", "gender"),
                List.of("urn:jpkigate:acr:jpki-auth"), false, java.time.Duration.ofSeconds(60), 8 * 1024);
        opKeys = SigningKeys.generate(JWSAlgorithm.ES256);
        bankEcKey = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
        bankEdKey = (OctetKeyPair) SigningKeys.generateKey(JWSAlgorithm.EdDSA);
        clients = ClientRegistry.parse(clientsJson(new JWKSet(List.<JWK>of(bankEcKey, bankEdKey)).toPublicJWKSet()),
                config.scopesSupported());
        pushedRequests = new RedisPushedRequestStore(redis);
        Router router = OpenIdProviderRoutes.create(vertx, config, opKeys, clients, redis, Clock.systemUTC());
        jp.jpkigate.idp.token.TokenOptions tokens = jp.jpkigate.idp.token.TokenOptions.defaults(new byte[32]);
        OpenIdProviderRoutes.addTokenRoutes(router, vertx, config, opKeys, clients, redis, tokens,
                jp.jpkigate.idp.subject.CertificatePersonKeys.INSTANCE, Clock.systemUTC());
        TokenManagementRoutes.add(router, vertx, config, opKeys, clients, redis, tokens, Clock.systemUTC());
        op.listen(router, true);
        server = op.server();
        web = op.web();
    }

    public static OpFixture start() throws Exception {
        return new OpFixture();
    }

    public static String clientsJson(JWKSet bankPublicKeys) {
        String hash = HexFormat.of().formatHex(ClientAuthenticator.sha256(LEGACY_SECRET));
        return "[{\"client_id\":\"" + BANK + "\",\"client_name\":\"Example Bank\",\"redirect_uris\":[\"" + BANK_REDIRECT + "\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":" + bankPublicKeys.toString()
                + ",\"scope\":\"openid profile name address consent:write consent:read\","
                + "\"grant_types\":[\"authorization_code\",\"refresh_token\",\"client_credentials\"]},"
                + "{\"client_id\":\"" + LEGACY + "\",\"fapi\":false,\"token_endpoint_auth_method\":\"client_secret_basic\","
                + "\"client_secret_sha256\":\"" + hash + "\",\"redirect_uris\":[\"http://localhost:8080/cb\"],\"scope\":\"openid\"}]";
    }

    public String parEndpoint() {
        return config.pushedAuthorizationRequestEndpoint();
    }

    /** Sends a form body to a path, on the test thread (waits at most 10 s). */
    public HttpResponse<Buffer> post(String path, String body, Map<String, String> headers) throws Exception {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        h.add("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(h::set);
        return TestRedis.await(web.post(path).putHeaders(h).sendBuffer(Buffer.buffer(body)));
    }

    public HttpResponse<Buffer> get(String path) throws Exception {
        return TestRedis.await(web.get(path).send());
    }

    /** Sends a Nimbus-built request over the Vert.x client (never Nimbus's blocking HTTP) and converts the answer. */
    public HTTPResponse send(HTTPRequest request) throws Exception {
        java.net.URL url = request.getURL();
        Map<String, String> headers = new java.util.HashMap<>();
        request.getHeaderMap().forEach((k, v) -> headers.put(k, String.join(",", v)));
        HttpResponse<Buffer> answer = post(url.getPath(), request.getBody() == null ? "" : request.getBody(), headers);
        return toNimbus(answer);
    }

    public static HTTPResponse toNimbus(HttpResponse<Buffer> answer) {
        HTTPResponse response = new HTTPResponse(answer.statusCode());
        answer.headers().forEach(e -> response.setHeader(e.getKey(), e.getValue()));
        response.setBody(answer.bodyAsString());
        return response;
    }

    @Override
    public void close() throws Exception {
        op.close();
    }
}
