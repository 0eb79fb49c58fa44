package jp.jpkigate.idp.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.admin.AdminTokens;
import jp.jpkigate.idp.approval.ApprovalOptions;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.config.OpenIdProviderConfig;
import jp.jpkigate.idp.dpop.DpopOptions;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.key.KeyEncryptionKey;
import jp.jpkigate.idp.key.KeyRotationOptions;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.subject.CertificatePersonKeys;
import jp.jpkigate.idp.token.TokenOptions;
import jp.jpkigate.idp.web.AdminApi;
import jp.jpkigate.idp.web.OpenIdProviderRoutes;
import jp.jpkigate.testing.TestRedis;

/**
 * One gateway replica for tests of what replicas share: an {@link AdminApi} on the given Redis, the
 * OP's routes (discovery, JWKS, PAR, token, userinfo and, with a verifier, the login) with its
 * rotating keys and live client registry on one port-0 server, and the admin API on another. Several
 * replicas on one Redis and one clock stand for a deployment; {@link #sync()} is what their timer does.
 */
public final class AdminReplica {
    /** The admin token the replicas accept, with the label {@value #ADMIN_LABEL}. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmnopqrstu";
    public static final String ADMIN_LABEL = "ops";
    public static final TokenOptions TOKENS = TokenOptions.defaults("a-test-pairwise-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8));

    public final AdminApi api;
    public final OpenIdProviderConfig config;
    public final WebClient op;
    public final WebClient admin;

    private AdminReplica(AdminApi api, OpenIdProviderConfig config, WebClient op, WebClient admin) {
        this.api = api;
        this.config = config;
        this.op = op;
        this.admin = admin;
    }

    /** Rotation after 1 h of propagation, retention for the 5-minute tokens, a 5 s sync, no schedule. */
    public static KeyRotationOptions rotationOptions() {
        Duration sync = Duration.ofSeconds(5);
        return new KeyRotationOptions(com.nimbusds.jose.JWSAlgorithm.ES256, Duration.ofHours(1),
                KeyRotationOptions.retentionFor(sync, TOKENS.accessTokenLifetime(), TOKENS.idTokenLifetime()), Duration.ZERO, sync);
    }

    /** Starts a replica without DPoP server nonces (waits on the test thread); fails as {@link AdminApi#start} does. */
    public static AdminReplica start(Vertx vertx, Redis redis, KeyEncryptionKey kek, KeyRotationOptions options,
                                     ClientRegistry fileClients, Optional<JpkiVerifier> login, Clock clock) throws Exception {
        return start(vertx, redis, kek, options, fileClients, login, DpopOptions.withoutNonces(), clock);
    }

    /** Starts a replica with these DPoP options at PAR, token and userinfo (waits on the test thread). */
    public static AdminReplica start(Vertx vertx, Redis redis, KeyEncryptionKey kek, KeyRotationOptions options,
                                     ClientRegistry fileClients, Optional<JpkiVerifier> login, DpopOptions dpop,
                                     Clock clock) throws Exception {
        OpenIdProviderConfig config = OpenIdProviderConfig.defaults(OpFixture.ISSUER);
        AdminApi api = new AdminApi(vertx, redis, kek, options, SigningKeys.rotating(clock),
                ClientRegistry.withRegistered(fileClients), config.scopesSupported(), config.mtls(), clock);
        TestRedis.await(api.start(List.of()));
        Router router = OpenIdProviderRoutes.create(vertx, config, api.signingKeys(), api.clients(), redis, dpop, clock);
        login.ifPresent(verifier -> OpenIdProviderRoutes.addLoginRoutes(router, vertx, config, api.clients(), verifier, redis,
                CertificatePersonKeys.INSTANCE, TOKENS, ApprovalOptions.defaults(), clock));
        OpenIdProviderRoutes.addTokenRoutes(router, vertx, config, api.signingKeys(), api.clients(), redis, TOKENS,
                CertificatePersonKeys.INSTANCE, dpop, clock);
        AdminTokens tokens = AdminTokens.of(Map.of(ADMIN_LABEL, AdminTokens.sha256Hex(ADMIN_TOKEN)));
        return new AdminReplica(api, config, client(vertx, router), client(vertx, api.router(tokens, 64 * 1024)));
    }

    private static WebClient client(Vertx vertx, Router router) throws Exception {
        HttpServer server = TestRedis.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort())
                .setFollowRedirects(false));
    }

    /** What the replica's timer does. */
    public void sync() throws Exception {
        TestRedis.await(api.sync());
    }

    /** An admin call with the admin token and an optional JSON body. */
    public HttpResponse<Buffer> admin(HttpMethod method, String path, String json) throws Exception {
        return adminAs(ADMIN_TOKEN, method, path, json);
    }

    /** An admin call with another (or no) token. */
    public HttpResponse<Buffer> adminAs(String token, HttpMethod method, String path, String json) throws Exception {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (token != null) {
            headers.add("Authorization", "Bearer " + token);
        }
        if (json != null) {
            headers.add("Content-Type", "application/json");
            return TestRedis.await(admin.request(method, path).putHeaders(headers).sendBuffer(Buffer.buffer(json)));
        }
        return TestRedis.await(admin.request(method, path).putHeaders(headers).send());
    }

    /** An OP call (GET without body, or a form POST). */
    public HttpResponse<Buffer> op(HttpMethod method, String path, String form, Map<String, String> headers) throws Exception {
        var request = op.request(method, path);
        headers.forEach(request::putHeader);
        if (form == null) {
            return TestRedis.await(request.send());
        }
        request.putHeader("Content-Type", "application/x-www-form-urlencoded");
        return TestRedis.await(request.sendBuffer(Buffer.buffer(form)));
    }

    /** A fresh key-encryption key. */
    public static KeyEncryptionKey newKek() throws Exception {
        return KeyEncryptionKey.parse(KeyEncryptionKey.generateFileContent(new SecureRandom()));
    }
}
