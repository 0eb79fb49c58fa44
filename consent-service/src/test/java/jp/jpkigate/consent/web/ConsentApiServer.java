package jp.jpkigate.consent.web;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Redis;
import java.util.concurrent.TimeUnit;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HexFormat;
import jp.jpkigate.consent.RecordingAudit;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.store.redis.RedisConsentChangeLog;
import jp.jpkigate.consent.store.redis.RedisConsentStore;
import jp.jpkigate.consent.store.redis.RedisInvitationStore;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.store.redis.RedisGrantRevocations;
import jp.jpkigate.idp.store.redis.RedisReplayCache;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.TokenCalls;
import jp.jpkigate.idp.token.AccessTokenVerifier;
import jp.jpkigate.idp.web.ClientCertificates;
import jp.jpkigate.testing.TestRedis;

/**
 * The consent API on its own port beside a {@link LoginFixture} OP (same Vert.x, Redis and clock), which
 * issues the businesses' real client_credentials tokens: {@code bank} (FAPI: DPoP-bound tokens) and
 * {@code shop} (client_secret_basic: Bearer tokens).
 */
public final class ConsentApiServer implements AutoCloseable {
    public static final String SHOP = "shop";
    public static final String SHOP_SECRET = "a-shop-secret-for-tests";
    public static final byte[] LINK_KEY = "a-test-invitation-link-key-of-32-bytes!!".getBytes();

    public final LoginFixture op;
    public final RecordingAudit audit = new RecordingAudit();
    public final InvitationLinks links = new InvitationLinks(OpFixture.ISSUER, LINK_KEY);
    public final RedisInvitationStore invitations;
    public final RedisConsentStore consents;
    public final RedisConsentChangeLog changes;
    public final WebClient web;
    /** The API's own Vert.x, whose blocked-loop warning fires after 200 ms with a stack trace. */
    public final Vertx vertx;
    public final Redis redis;
    private final HttpServer server;

    public ConsentApiServer(LoginFixture op, ConsentApiOptions options) throws Exception {
        this.op = op;
        vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(200).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        redis = op.redisServer.client(vertx);
        invitations = new RedisInvitationStore(redis, op.clock);
        consents = new RedisConsentStore(redis);
        changes = new RedisConsentChangeLog(redis);
        Router router = Router.router(vertx);
        DpopProofVerifier proofs = new DpopProofVerifier(op.dpopOptions(), new RedisReplayCache(redis), op.clock);
        ConsentApiRoutes.mount(router, options, OpFixture.ISSUER, new jp.jpkigate.idp.token.ProtectedResourceAccess(
                        new AccessTokenVerifier(OpFixture.ISSUER, op.config.userinfoEndpoint(), op.opKeys,
                                new RedisGrantRevocations(redis), op.clock), proofs),
                proofs, new ClientCertificates(op.config.mtls()), links, invitations, consents, changes, audit, op.clock);
        server = TestRedis.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()).setFollowRedirects(false));
    }

    /** The extra client of the fixture: {@code shop}, client_secret_basic, client_credentials for the consent scopes. */
    public static LoginFixture.Setup setup() {
        String hash = HexFormat.of().formatHex(ClientAuthenticator.sha256(SHOP_SECRET));
        return new LoginFixture.Setup("{\"client_id\":\"" + SHOP + "\",\"fapi\":false,\"client_name\":\"Example Shop\","
                + "\"token_endpoint_auth_method\":\"client_secret_basic\",\"client_secret_sha256\":\"" + hash + "\","
                + "\"redirect_uris\":[\"http://localhost:8080/cb\"],\"scope\":\"openid consent:write consent:read\","
                + "\"grant_types\":[\"authorization_code\",\"client_credentials\"]}",
                config -> config, new io.vertx.core.http.HttpServerOptions(), new WebClientOptions());
    }

    /** {@code bank}'s DPoP-bound token for these scopes. */
    public String bankToken(String scope) throws Exception {
        return new TokenCalls(op).clientCredentials(new Scope(scope.split(" "))).toSuccessResponse().getTokens()
                .getAccessToken().getValue();
    }

    /** {@code shop}'s Bearer token for these scopes. */
    public String shopToken(String scope) throws Exception {
        TokenResponse response = TokenResponse.parse(OpFixture.toNimbus(op.send(new TokenRequest(TokenCalls.TOKEN,
                new ClientSecretBasic(new ClientID(SHOP), new Secret(SHOP_SECRET)), new ClientCredentialsGrant(),
                new Scope(scope.split(" "))).toHTTPRequest())));
        if (!response.indicatesSuccess()) {
            throw new AssertionError(response.toErrorResponse().getErrorObject().toString());
        }
        return response.toSuccessResponse().getTokens().getAccessToken().getValue();
    }

    /** {@code bank} calls the API: its DPoP token with a fresh proof for the method and path. */
    public HttpResponse<Buffer> bank(HttpMethod method, String pathAndQuery, String token, String json) throws Exception {
        String path = pathAndQuery.split("\\?", 2)[0];
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "DPoP " + token)
                .add("DPoP", op.dpopProof(method.name(), path, token, null).serialize());
        return send(method, pathAndQuery, headers, json);
    }

    /** {@code shop} (or anyone) calls the API with this Authorization header (none when null). */
    public HttpResponse<Buffer> call(HttpMethod method, String pathAndQuery, String authorization, String json) throws Exception {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (authorization != null) {
            headers.add("Authorization", authorization);
        }
        return send(method, pathAndQuery, headers, json);
    }

    private HttpResponse<Buffer> send(HttpMethod method, String pathAndQuery, MultiMap headers, String json) throws Exception {
        var request = web.request(method, pathAndQuery).putHeaders(headers);
        if (json == null) {
            return TestRedis.await(request.send());
        }
        if (!headers.contains("Content-Type")) {
            request.putHeader("Content-Type", "application/json");
        }
        return TestRedis.await(request.sendBuffer(Buffer.buffer(json)));
    }

    @Override
    public void close() throws Exception {
        web.close();
        TestRedis.await(vertx.close());
    }
}
