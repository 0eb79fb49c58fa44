package jp.jpkigate.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.key.SigningKeys;

/**
 * A bank's back end on the consent API, as a FAPI client would call it: an access token of the
 * {@code client_credentials} grant ({@code private_key_jwt}, a DPoP proof, with Nimbus), then the
 * API over java.net.http with a DPoP proof per request ({@code ath}), sent once more with the
 * gateway's fresh {@code DPoP-Nonce} when it asks (RFC 9449 §8, §9). A new token when the gateway
 * says the old one is no good. Blocking: only from the test thread.
 */
public final class BankApi {
    static final String PURPOSE = "住所・氏名変更の確認（口座管理） / Keeping account records current";
    static final List<String> ITEMS = List.of("name", "address");
    /** A batch of 10,000 takes seconds on a busy machine; the answer is about 4 MB. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String issuer;
    private final ClientID clientId;
    private final ECKey clientKey;
    private final Scope scope;
    private final DefaultDPoPProofFactory dpop;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile String nonce;
    private volatile AccessToken token;

    private BankApi(String issuer, String clientId, ECKey clientKey, Scope scope) throws Exception {
        this.issuer = issuer;
        this.clientId = new ClientID(clientId);
        this.clientKey = clientKey;
        this.scope = scope;
        this.dpop = new DefaultDPoPProofFactory(SigningKeys.generateKey(JWSAlgorithm.ES256), JWSAlgorithm.ES256, Jca.BC);
    }

    /** The bank with a fresh DPoP key and its first access token. */
    public static BankApi connect(String issuer, String clientId, ECKey clientKey) throws Exception {
        return connect(issuer, clientId, clientKey, "consent:write", "consent:read");
    }

    /** The same with tokens of {@code scopes} (for example {@code feed:read} too). */
    public static BankApi connect(String issuer, String clientId, ECKey clientKey, String... scopes) throws Exception {
        BankApi bank = new BankApi(issuer, clientId, clientKey, new Scope(scopes));
        bank.token = bank.newToken();
        return bank;
    }

    /** The request body of a batch inviting {@code customers} to consent to {@link #ITEMS}. */
    static String batch(List<String> customers) {
        return batch(customers, ITEMS);
    }

    private static String batch(List<String> customers, List<String> items) {
        JsonArray lines = new JsonArray();
        customers.forEach(c -> lines.add(new JsonObject().put("customer_number", c)));
        return new JsonObject().put("purpose", PURPOSE).put("items", new JsonArray(items)).put("customers", lines).encode();
    }

    /** {@code POST /consent/v1/invitations}: 201 and its lines, in the request's order. */
    public List<JsonObject> invite(List<String> customers) throws Exception {
        return invite(customers, ITEMS);
    }

    /** The same, asking consent to {@code items} ({@code name}, {@code address}, …). */
    public List<JsonObject> invite(List<String> customers, List<String> items) throws Exception {
        HttpResponse<String> answer = send(invitations(customers, items));
        assertThat(answer.statusCode()).as(() -> abbreviated(answer.body())).isEqualTo(201);
        List<JsonObject> lines = new ArrayList<>();
        new JsonObject(answer.body()).getJsonArray("invitations").forEach(line -> lines.add((JsonObject) line));
        assertThat(lines).extracting(line -> line.getString("customer_number")).containsExactlyElementsOf(customers);
        return lines;
    }

    /** The same call, not waited for: it fails when the gateway dies under it. */
    public CompletableFuture<HttpResponse<String>> inviteInFlight(List<String> customers) throws Exception {
        return http.sendAsync(invitations(customers, ITEMS), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest invitations(List<String> customers, List<String> items) throws Exception {
        return postJson("/consent/v1/invitations", batch(customers, items));
    }

    /** {@code POST} of a JSON body to {@code path} of the gateway with the bank's token (the poll endpoint, say): the answer. */
    public HttpResponse<String> post(String path, JsonObject body) throws Exception {
        return send(postJson(path, body.encode()));
    }

    private HttpRequest postJson(String path, String body) throws Exception {
        URI uri = URI.create(issuer + path);
        return authorized(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "POST", uri);
    }

    /** {@code GET /consent/v1/customers/{n}/consent}: 200 and where the customer stands. */
    public JsonObject consentOf(String customer) throws Exception {
        return getJson("/consent/v1/customers/" + customer + "/consent", "");
    }

    /** Every {@code GET /consent/v1/changes} page from the start. */
    List<JsonObject> changes() throws Exception {
        List<JsonObject> all = new ArrayList<>();
        String cursor = null;
        while (true) {
            JsonObject page = getJson("/consent/v1/changes", cursor == null ? "?limit=1000"
                    : "?limit=1000&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonArray changes = page.getJsonArray("changes");
            changes.forEach(change -> all.add((JsonObject) change));
            if (changes.isEmpty()) {
                return all;
            }
            cursor = page.getString("next_cursor");
        }
    }

    private JsonObject getJson(String path, String query) throws Exception {
        URI uri = URI.create(issuer + path);
        HttpResponse<String> answer = send(authorized(HttpRequest.newBuilder(URI.create(uri + query)).GET(), "GET", uri));
        assertThat(answer.statusCode()).as(path + query + ": " + answer.body()).isEqualTo(200);
        return new JsonObject(answer.body());
    }

    /** Sends; once more with a fresh proof when the gateway asks for its nonce, or with a new token when it refuses this one. */
    private HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        answer.headers().firstValue("DPoP-Nonce").ifPresent(n -> nonce = n);
        String challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
        if (answer.statusCode() == 401 && challenge.contains("invalid_token")) {
            token = newToken();
        }
        if (answer.statusCode() != 401) {
            return answer;
        }
        HttpRequest.Builder again = HttpRequest.newBuilder(request.uri()).method(request.method(),
                request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
        request.headers().firstValue("Content-Type").ifPresent(type -> again.header("Content-Type", type));
        URI htu = URI.create(request.uri().toString().replaceFirst("\\?.*$", ""));
        answer = http.send(authorized(again, request.method(), htu), HttpResponse.BodyHandlers.ofString());
        answer.headers().firstValue("DPoP-Nonce").ifPresent(n -> nonce = n);
        return answer;
    }

    private HttpRequest authorized(HttpRequest.Builder request, String method, URI htu) throws Exception {
        String proof = dpop.createDPoPJWT(method, htu, token, nonce == null ? null : new Nonce(nonce)).serialize();
        return request.timeout(TIMEOUT).header("Authorization", "DPoP " + token.getValue()).header("DPoP", proof).build();
    }

    /** Client credentials with {@code private_key_jwt} (aud: the issuer, FAPI 2.0) and a DPoP proof. */
    private AccessToken newToken() throws Exception {
        URI endpoint = URI.create(issuer + "/token");
        HTTPResponse response = tokenRequest(endpoint);
        if (response.getStatusCode() == 400 && response.getBody().contains("use_dpop_nonce")) {
            response = tokenRequest(endpoint);
        }
        TokenResponse parsed = TokenResponse.parse(response);
        assertThat(parsed.indicatesSuccess()).as(response.getBody()).isTrue();
        AccessTokenResponse success = parsed.toSuccessResponse();
        assertThat(success.getTokens().getAccessToken().getType().getValue()).isEqualTo("DPoP");
        return success.getTokens().getAccessToken();
    }

    private HTTPResponse tokenRequest(URI endpoint) throws Exception {
        HTTPRequest request = new TokenRequest(endpoint, new PrivateKeyJWT(clientId, URI.create(issuer), JWSAlgorithm.ES256,
                clientKey.toECPrivateKey(), clientKey.getKeyID(), Jca.BC), new ClientCredentialsGrant(),
                scope).toHTTPRequest();
        request.setDPoP(dpop.createDPoPJWT("POST", endpoint, nonce == null ? null : new Nonce(nonce)));
        HTTPResponse response = request.send();
        if (response.getDPoPNonce() != null) {
            nonce = response.getDPoPNonce().getValue();
        }
        return response;
    }

    private static String abbreviated(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }

    /** Whether {@code failure} is the connection dying under a request (what a killed gateway leaves). */
    public static boolean isConnectionLost(Throwable failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        return cause instanceof IOException;
    }
}
