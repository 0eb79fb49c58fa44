package jp.jpkigate.idp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.JpkiVerifierOptions;
import jp.jpkigate.idp.jpki.RevocationStatus;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.key.KeyEncryptionKey;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.testing.AdminReplica;
import jp.jpkigate.idp.testing.LoginFixture;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client admin API on two replicas sharing the {@link LoginFixture}'s Redis, clock and
 * simulator card: a client registered at one logs in through PAR with the card and gets tokens;
 * the other replica knows it after its sync; updates and disabling take effect at once; the
 * FAPI rules refuse bad metadata with RFC 7591 errors; callers without the admin token get 401;
 * every call is in the audit log, without secrets.
 */
class ClientAdminApiTest {
    private static final String REDIRECT = "https://rp.acme.example/cb";
    private static final ECKey ACME_KEY = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);

    @RegisterExtension
    static final LoginFixture op = new LoginFixture();

    private static AdminReplica a;
    private static AdminReplica b;

    @BeforeAll
    static void replicas() throws Exception {
        TrustAnchors anchors = TrustAnchors.of("sim", op.sim.cas().all().stream().map(SimCa::certificate).toList());
        JpkiVerifier verifier = new JpkiVerifier(anchors,
                q -> CompletableFuture.completedFuture(RevocationStatus.good(op.clock.instant())), op.clock,
                JpkiVerifierOptions.defaults());
        ClientRegistry file = ClientRegistry.parse(OpFixture.clientsJson(new JWKSet(op.bankKey).toPublicJWKSet()));
        KeyEncryptionKey kek = AdminReplica.newKek();
        a = AdminReplica.start(op.vertx, op.redis, kek, AdminReplica.rotationOptions(), file, Optional.of(verifier),
                op.dpopOptions(), op.clock);
        b = AdminReplica.start(op.vertx, op.redis, kek, AdminReplica.rotationOptions(), file, Optional.of(verifier),
                op.dpopOptions(), op.clock);
    }

    private static String metadata(String clientId, String redirect, String extra) {
        return "{" + (clientId == null ? "" : "\"client_id\":\"" + clientId + "\",")
                + "\"client_name\":\"Acme Securities\",\"redirect_uris\":[\"" + redirect + "\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":" + new JWKSet(ACME_KEY).toPublicJWKSet()
                + ",\"scope\":\"openid profile\"" + extra + "}";
    }

    private static JsonObject register(String json) throws Exception {
        HttpResponse<Buffer> created = a.admin(HttpMethod.POST, "/admin/clients", json);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(created.getHeader("Cache-Control")).isEqualTo("no-store");
        return created.bodyAsJsonObject();
    }

    private static ClientAuthentication auth(String clientId) throws Exception {
        return new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(clientId), new Audience(OpFixture.ISSUER)),
                JWSAlgorithm.ES256, ACME_KEY.toECPrivateKey(), ACME_KEY.getKeyID(), Jca.BC);
    }

    private static HttpResponse<Buffer> send(AdminReplica replica, HTTPRequest request) throws Exception {
        Map<String, String> headers = new HashMap<>();
        request.getHeaderMap().forEach((k, v) -> headers.put(k, String.join(",", v)));
        return replica.op(HttpMethod.POST, request.getURL().getPath(), request.getBody(), headers);
    }

    /** A PAR of the client at a replica; the HTTP answer. */
    private static HttpResponse<Buffer> par(AdminReplica replica, ClientAuthentication auth, String clientId, String redirect,
                                            State state, CodeVerifier verifier) throws Exception {
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile"),
                new ClientID(clientId), URI.create(redirect)).state(state).nonce(new Nonce(LoginFixture.NONCE))
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        return send(replica, new PushedAuthorizationRequest(URI.create(OpFixture.ISSUER + "/par"), auth, request).toHTTPRequest());
    }

    /** The whole login of {@code clientId} at replica a: PAR, the page, the card, consent, the code, the tokens. */
    private static OIDCTokens login(String clientId) throws Exception {
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        HttpResponse<Buffer> pushed = par(a, auth(clientId), clientId, REDIRECT, state, verifier);
        assertThat(pushed.statusCode()).as(pushed.bodyAsString()).isEqualTo(201);
        String requestUri = PushedAuthorizationResponse.parse(OpFixture.toNimbus(pushed)).toSuccessResponse().getRequestURI().toString();
        HttpResponse<Buffer> page = a.op(HttpMethod.GET, "/authorize?client_id=" + clientId + "&request_uri="
                + URLEncoder.encode(requestUri, StandardCharsets.UTF_8), null, Map.of());
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        String txn = LoginFixture.transactionOf(page);
        String cookie = LoginFixture.cookieOf(page);
        JsonObject signed = op.signed(txn, op.card, CaKind.AUTHENTICATION, CaKind.AUTHENTICATION, false);
        HttpResponse<Buffer> posted = TestRedis.await(a.op.post("/login/" + txn).putHeader("Content-Type", "application/json")
                .sendBuffer(signed.toBuffer()));
        assertThat(posted.bodyAsJsonObject().getString("status")).as(posted.bodyAsString()).isEqualTo("verified");
        HttpResponse<Buffer> next = a.op(HttpMethod.GET, "/login/" + txn + "/continue", null, Map.of("Cookie", cookie));
        assertThat(next.statusCode()).isEqualTo(303);
        String location = next.getHeader("Location");
        if (location.endsWith("/consent")) {
            HttpResponse<Buffer> consent = a.op(HttpMethod.GET, "/login/" + txn + "/consent", null, Map.of("Cookie", cookie));
            assertThat(consent.bodyAsString()).contains("Acme Securities");
            location = a.op(HttpMethod.POST, "/login/" + txn + "/consent", "csrf=" + LoginFixture.csrfOf(consent)
                    + "&decision=approve", Map.of("Cookie", cookie)).getHeader("Location");
        }
        assertThat(location).startsWith(REDIRECT);
        HttpResponse<Buffer> token = token(auth(clientId), new AuthorizationCodeGrant(
                new AuthorizationCode(LoginFixture.codeOf(location)), URI.create(REDIRECT), verifier));
        assertThat(token.statusCode()).as(token.bodyAsString()).isEqualTo(200);
        return ((OIDCTokenResponse) OIDCTokenResponseParser.parse(OpFixture.toNimbus(token)).toSuccessResponse()).getOIDCTokens();
    }

    /** A token request at replica a with a DPoP proof of the fixture's RP key, as a FAPI client must send it. */
    private static HttpResponse<Buffer> token(ClientAuthentication auth, AuthorizationGrant grant) throws Exception {
        HTTPRequest http = new TokenRequest(URI.create(OpFixture.ISSUER + "/token"), auth, grant).toHTTPRequest();
        http.setDPoP(op.dpopProof("POST", "/token", null, null));
        return send(a, http);
    }

    private static JsonArray audit() throws Exception {
        HttpResponse<Buffer> log = a.admin(HttpMethod.GET, "/admin/audit?limit=1000", null);
        assertThat(log.statusCode()).isEqualTo(200);
        return log.bodyAsJsonObject().getJsonArray("records");
    }

    private static List<JsonObject> auditOf(String clientId) throws Exception {
        return audit().stream().map(JsonObject.class::cast).filter(r -> clientId.equals(r.getString("client_id"))).toList();
    }

    @Test
    void aRegisteredClientLogsInThroughParThenIsUpdatedThenDisabled() throws Exception {
        JsonObject registered = register(metadata(null, REDIRECT, ""));
        String clientId = registered.getString("client_id");
        assertThat(clientId).matches("[A-Za-z0-9_-]{22}");
        assertThat(registered.getLong("client_id_issued_at")).isEqualTo(op.clock.instant().getEpochSecond());
        assertThat(registered.getJsonArray("redirect_uris")).containsExactly(REDIRECT);
        assertThat(registered.getBoolean("disabled")).isFalse();

        OIDCTokens tokens = login(clientId);
        assertThat(tokens.getAccessToken().getType().getValue()).isEqualTo("DPoP");
        String accessToken = tokens.getAccessToken().getValue();
        HttpResponse<Buffer> userinfo = a.op(HttpMethod.GET, "/userinfo", null, Map.of("Authorization", "DPoP " + accessToken,
                "DPoP", op.dpopProof("GET", "/userinfo", accessToken, null).serialize()));
        assertThat(userinfo.statusCode()).as(userinfo.bodyAsString()).isEqualTo(200);
        assertThat(a.op(HttpMethod.GET, "/userinfo", null, Map.of("Authorization", "Bearer " + accessToken)).statusCode())
                .as("a DPoP-bound token verified with the rotating keys is still refused as Bearer").isEqualTo(401);

        // The other replica learns of the client at its next sync.
        assertThat(par(b, auth(clientId), clientId, REDIRECT, new State(), new CodeVerifier()).statusCode()).isEqualTo(401);
        b.sync();
        assertThat(par(b, auth(clientId), clientId, REDIRECT, new State(), new CodeVerifier()).statusCode()).isEqualTo(201);

        String moved = "https://rp.acme.example/callback";
        HttpResponse<Buffer> updated = a.admin(HttpMethod.PUT, "/admin/clients/" + clientId, metadata(clientId, moved, ""));
        assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
        assertThat(updated.bodyAsJsonObject().getJsonArray("redirect_uris")).containsExactly(moved);
        HttpResponse<Buffer> oldRedirect = par(a, auth(clientId), clientId, REDIRECT, new State(), new CodeVerifier());
        assertThat(oldRedirect.statusCode()).isEqualTo(400);
        assertThat(par(a, auth(clientId), clientId, moved, new State(), new CodeVerifier()).statusCode()).isEqualTo(201);

        assertThat(a.admin(HttpMethod.DELETE, "/admin/clients/" + clientId, null).statusCode()).isEqualTo(204);
        HttpResponse<Buffer> refused = par(a, auth(clientId), clientId, moved, new State(), new CodeVerifier());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
        HttpResponse<Buffer> refresh = token(auth(clientId), new RefreshTokenGrant(tokens.getRefreshToken()));
        assertThat(refresh.statusCode()).isEqualTo(401);
        assertThat(refresh.bodyAsJsonObject().getString("error")).isEqualTo("invalid_client");
        JsonObject kept = a.admin(HttpMethod.GET, "/admin/clients/" + clientId, null).bodyAsJsonObject();
        assertThat(kept.getBoolean("disabled")).isTrue();
        assertThat(kept.getString("client_name")).isEqualTo("Acme Securities");

        List<JsonObject> records = auditOf(clientId);
        assertThat(records).extracting(r -> r.getString("action"))
                .containsSubsequence("client.register", "client.update", "client.disable", "client.read");
        assertThat(records).allSatisfy(r -> assertThat(r.getString("actor")).isEqualTo(AdminReplica.ADMIN_LABEL));
        JsonObject update = records.stream().filter(r -> r.getString("action").equals("client.update")).findFirst().orElseThrow();
        assertThat(update.getString("outcome")).isEqualTo("ok");
        assertThat(update.getJsonObject("changes").getJsonObject("redirect_uris").getJsonArray("from")).containsExactly(REDIRECT);
        assertThat(update.getJsonObject("changes").getJsonObject("redirect_uris").getJsonArray("to")).containsExactly(moved);
        assertThat(update.getJsonObject("changes").fieldNames()).containsExactly("redirect_uris");
    }

    @Test
    void theFapiRulesRefuseBadMetadataWithRfc7591Errors() throws Exception {
        Map<String, String> refused = Map.of(
                "http (non-loopback) redirect", metadata(null, "http://rp.acme.example/cb", ""),
                "FAPI without PAR", metadata(null, REDIRECT, ",\"require_pushed_authorization_requests\":false"),
                "FAPI with client_secret_basic", "{\"redirect_uris\":[\"" + REDIRECT + "\"],\"token_endpoint_auth_method\":"
                        + "\"client_secret_basic\",\"client_secret_sha256\":\"" + "ab".repeat(32) + "\"}",
                "FAPI with mTLS client authentication", "{\"redirect_uris\":[\"" + REDIRECT + "\"],"
                        + "\"token_endpoint_auth_method\":\"tls_client_auth\"}",
                "FAPI without sender-constrained tokens", metadata(null, REDIRECT, ",\"dpop_bound_access_tokens\":false"),
                "not JSON", "{\"redirect_uris\": [",
                "not an object", "[]");
        int before = audit().size();
        refused.forEach((what, json) -> {
            try {
                HttpResponse<Buffer> answer = a.admin(HttpMethod.POST, "/admin/clients", json);
                assertThat(answer.statusCode()).as(what + ": " + answer.bodyAsString()).isEqualTo(400);
                String expected = what.startsWith("http") ? "invalid_redirect_uri" : "invalid_client_metadata";
                assertThat(answer.bodyAsJsonObject().getString("error")).as(what).isEqualTo(expected);
                assertThat(answer.bodyAsJsonObject().getString("error_description")).as(what).isNotBlank();
            } catch (Exception e) {
                throw new AssertionError(what, e);
            }
        });
        HttpResponse<Buffer> form = TestRedis.await(a.admin.post("/admin/clients").putHeader("Authorization", "Bearer "
                + AdminReplica.ADMIN_TOKEN).putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("x")));
        assertThat(form.statusCode()).isEqualTo(400);
        JsonArray after = audit();
        assertThat(after.size()).isEqualTo(before + refused.size() + 2);
        assertThat(after.getJsonObject(after.size() - 1).getString("outcome")).isEqualTo("invalid_client_metadata");
    }

    @Test
    void callersWithoutTheAdminTokenGet401AndAreNotAudited() throws Exception {
        int before = audit().size();
        HttpResponse<Buffer> none = a.adminAs(null, HttpMethod.GET, "/admin/clients", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer realm=\"jpkigate-admin\"");
        HttpResponse<Buffer> wrong = a.adminAs("not-the-token", HttpMethod.POST, "/admin/clients", metadata(null, REDIRECT, ""));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(wrong.bodyAsJsonObject().getString("error")).isEqualTo("invalid_token");
        assertThat(a.adminAs("not-the-token", HttpMethod.POST, "/admin/keys/rotate", null).statusCode()).isEqualTo(401);
        assertThat(audit().size()).isEqualTo(before + 1); // the audit read itself
    }

    @Test
    void theConfigurationFilesClientsAreReadOnly() throws Exception {
        String bank = "{\"client_id\":\"bank\",\"redirect_uris\":[\"" + OpFixture.BANK_REDIRECT + "\"],\"jwks\":"
                + new JWKSet(ACME_KEY).toPublicJWKSet() + "}";
        assertThat(a.admin(HttpMethod.PUT, "/admin/clients/bank", bank).statusCode()).isEqualTo(409);
        assertThat(a.admin(HttpMethod.DELETE, "/admin/clients/bank", null).statusCode()).isEqualTo(409);
        HttpResponse<Buffer> taken = a.admin(HttpMethod.POST, "/admin/clients", bank);
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.bodyAsJsonObject().getString("error")).isEqualTo("conflict");
        JsonObject read = a.admin(HttpMethod.GET, "/admin/clients/bank", null).bodyAsJsonObject();
        assertThat(read.getString("source")).isEqualTo("file");
        assertThat(read.getString("token_endpoint_auth_method")).isEqualTo("private_key_jwt");
        JsonArray all = a.admin(HttpMethod.GET, "/admin/clients", null).bodyAsJsonObject().getJsonArray("clients");
        assertThat(all.stream().map(c -> ((JsonObject) c).getString("client_id"))).contains("bank", "legacy");
        assertThat(a.admin(HttpMethod.GET, "/admin/clients/nobody", null).statusCode()).isEqualTo(404);
        assertThat(a.admin(HttpMethod.PATCH, "/admin/clients/bank", bank).statusCode()).isEqualTo(405);
    }

    @Test
    void aSecretClientsSecretHashIsNeitherAnsweredNorAudited() throws Exception {
        String hash = AdminTokens.sha256Hex("acme-legacy-secret");
        JsonObject registered = register("{\"client_id\":\"acme-legacy\",\"fapi\":false,\"redirect_uris\":[\"" + REDIRECT
                + "\"],\"token_endpoint_auth_method\":\"client_secret_basic\",\"client_secret_sha256\":\"" + hash + "\",\"scope\":\"openid profile\"}");
        assertThat(registered.fieldNames()).doesNotContain("client_secret_sha256");
        HttpResponse<Buffer> pushed = par(a, new ClientSecretBasic(new ClientID("acme-legacy"), new Secret("acme-legacy-secret")),
                "acme-legacy", REDIRECT, new State(), new CodeVerifier());
        assertThat(pushed.statusCode()).as(pushed.bodyAsString()).isEqualTo(201);
        // An update without the hash keeps it.
        HttpResponse<Buffer> renamed = a.admin(HttpMethod.PUT, "/admin/clients/acme-legacy", registered.copy()
                .put("client_name", "Acme (legacy)").encode());
        assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(200);
        assertThat(par(a, new ClientSecretBasic(new ClientID("acme-legacy"), new Secret("acme-legacy-secret")),
                "acme-legacy", REDIRECT, new State(), new CodeVerifier()).statusCode()).isEqualTo(201);
        List<JsonObject> records = auditOf("acme-legacy");
        assertThat(records.get(0).getJsonObject("changes").getJsonObject("client_secret_sha256").getBoolean("changed")).isTrue();
        assertThat(records.toString()).doesNotContain(hash).doesNotContain("acme-legacy-secret");
    }
}
