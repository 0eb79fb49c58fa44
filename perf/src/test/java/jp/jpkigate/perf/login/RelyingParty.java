package jp.jpkigate.perf.login;

import com.nimbusds.jose.jwk.JWK;
import io.gatling.javaapi.core.Session;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The relying party's side of a login, as session functions: a fresh state, nonce and PKCE pair
 * per login (RFC 7636, S256) and a DPoP key (RFC 9449), a {@code private_key_jwt} client assertion
 * and a DPoP proof per back-channel request,
 * and the check of the redirect that carries the code (RFC 9207: {@code iss}; and {@code state}).
 *
 * @param issuer the gateway's issuer identifier, the audience of the client assertions
 */
public record RelyingParty(String clientId, JWK key, String issuer, String tokenEndpoint, String userinfoEndpoint,
                    String scope) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads the client key and asks the gateway's discovery document for its issuer (once, before the run). */
    static RelyingParty discover(String baseUrl, String clientId, Path keyFile, String scope)
            throws IOException, InterruptedException, ParseException {
        JWK key = JWK.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
        JsonObject metadata = discovery(baseUrl);
        return new RelyingParty(clientId, key, metadata.getString("issuer"), metadata.getString("token_endpoint"),
                metadata.getString("userinfo_endpoint"), scope);
    }

    /** The gateway's discovery document (once, before the run). */
    public static JsonObject discovery(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        if (discovery.statusCode() != 200) {
            throw new IllegalStateException("discovery answered " + discovery.statusCode() + " at " + baseUrl);
        }
        return new JsonObject(discovery.body());
    }

    /** state, nonce, code verifier and S256 challenge of a new login. */
    Session newAuthorization(Session session) {
        String verifier = ClientAssertions.randomBase64Url(RANDOM, 32);
        return session.set("state", ClientAssertions.randomBase64Url(RANDOM, 16))
                .set("nonce", ClientAssertions.randomBase64Url(RANDOM, 16))
                .set("codeVerifier", verifier)
                .set("codeChallenge", DpopProofs.base64UrlSha256(verifier))
                .set("dpopKey", DpopProofs.newKey());
    }

    /** A fresh client assertion (a new jti) under {@code clientAssertion}, audience the issuer. */
    Session newClientAssertion(Session session) {
        return session.set("clientAssertion", ClientAssertions.sign(key, clientId, issuer, Instant.now(), RANDOM));
    }

    /** A DPoP proof for the token request under {@code dpopProof}, with the server's last nonce. */
    Session tokenProof(Session session) {
        return session.set("dpopProof", DpopProofs.proof(session.get("dpopKey"), "POST", tokenEndpoint,
                session.getString("dpopNonce"), null, Instant.now(), RANDOM));
    }

    /** A DPoP proof for userinfo under {@code dpopProof}, bound to the access token ({@code ath}). */
    Session userinfoProof(Session session) {
        return session.set("dpopProof", DpopProofs.proof(session.get("dpopKey"), "GET", userinfoEndpoint,
                session.getString("dpopNonce"), session.getString("accessToken"), Instant.now(), RANDOM));
    }

    /**
     * Sets {@code code} from the redirect in {@code location} only when it goes to the client's
     * redirect URI with this login's state and the gateway's issuer; otherwise the token request
     * cannot be built and counts as failed.
     */
    Session readRedirect(Session session) {
        String location = session.getString("location");
        if (location == null || !location.startsWith(LoginFixtures.REDIRECT_URI + "?")) {
            return session;
        }
        Map<String, String> query = query(location);
        boolean ours = session.getString("state").equals(query.get("state")) && issuer.equals(query.get("iss"));
        return ours && query.containsKey("code") ? session.set("code", query.get("code")) : session;
    }

    private static Map<String, String> query(String location) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }
}
