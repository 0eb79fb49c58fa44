package jp.jpkigate.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * What one client library reports after driving the whole flow three times — {@code auth} and
 * {@code auth_again} (authentication certificate, PIN) and {@code identity} (signature
 * certificate, the 4 information) — and the checks every library's report must pass. The Node.js
 * scripts print it as JSON; the Nimbus test builds the same shape.
 *
 * <pre>{@code
 * {"library": "...", "scopes_supported": [...],
 *  "logins": {"auth" | "auth_again" | "identity": {
 *     "scope": "...", "nonce": "...", "dpop_jkt": "the RP's DPoP key thumbprint", "token_type": "DPoP",
 *     "id_token": {claims}, "access_token": {claims, optional}, "userinfo": {claims},
 *     "refreshed": {"id_token": {claims}, "token_type": "DPoP", "access_token_changed": true,
 *                   "refresh_token_changed": true}}}}
 * }</pre>
 * The client is a FAPI client, so its access tokens are DPoP-bound (RFC 9449): {@code token_type}
 * {@code DPoP} (libraries differ in case) and, where the library reports the access token's claims,
 * {@code cnf.jkt} the RP's key.
 */
final class FlowReport {
    /** The OIDC claims request of the identity login: the 4 information and verified_claims in the ID token. */
    static final String IDENTITY_CLAIMS_REQUEST = new JsonObject().put("id_token", new JsonObject()
            .putNull("name").putNull("birthdate").putNull("gender").putNull("address")
            .put("verified_claims", new JsonObject()
                    .put("verification", new JsonObject().putNull("trust_framework"))
                    .put("claims", new JsonObject().putNull("name").putNull("birthdate").putNull("gender").putNull("address"))))
            .encode();
    static final List<String> FOUR_INFORMATION_SCOPES = List.of("name", "address", "birthdate", "gender");
    /** The scope of the identity login (the Node.js scripts take the four from the gateway's scopes_supported). */
    static final String IDENTITY_SCOPE = "openid " + String.join(" ", FOUR_INFORMATION_SCOPES);
    private static final List<String> FOUR_INFORMATION_CLAIMS = List.of("name", "family_name", "given_name", "address",
            "birthdate", "gender", "verified_claims");

    private FlowReport() {
    }

    static void assertWholeFlow(JsonObject report, RunningGateway gateway) {
        assertThat(report.getJsonArray("scopes_supported").getList()).containsAll(FOUR_INFORMATION_SCOPES);
        JsonObject logins = report.getJsonObject("logins");
        assertThat(logins.fieldNames()).containsExactlyInAnyOrder("auth", "auth_again", "identity");
        for (String name : logins.fieldNames()) {
            assertLogin(logins.getJsonObject(name), gateway);
        }
        // One pairwise subject for the person across logins, whichever of the card's certificates
        // signs (the signature certificate goes with the authentication certificate in the linkage).
        String sub = logins.getJsonObject("auth").getJsonObject("id_token").getString("sub");
        assertThat(logins.getJsonObject("auth_again").getJsonObject("id_token").getString("sub")).isEqualTo(sub);
        assertThat(logins.getJsonObject("identity").getJsonObject("id_token").getString("sub")).isEqualTo(sub);
        for (String name : List.of("auth", "auth_again")) {
            JsonObject login = logins.getJsonObject(name);
            assertThat(login.getString("scope").split(" ")).doesNotContainAnyElementsOf(FOUR_INFORMATION_SCOPES);
            assertThat(login.getJsonObject("id_token").getString("acr")).isEqualTo("urn:jpkigate:acr:jpki-auth");
            assertThat(login.getJsonObject("id_token").fieldNames()).doesNotContainAnyElementsOf(FOUR_INFORMATION_CLAIMS);
            assertThat(login.getJsonObject("userinfo").fieldNames()).containsExactly("sub");
        }
        assertIdentity(logins.getJsonObject("identity"));
    }

    /** Per login: ID token claims, the access token, userinfo for the same subject, rotated tokens on refresh. */
    private static void assertLogin(JsonObject login, RunningGateway gateway) {
        JsonObject id = login.getJsonObject("id_token");
        String sub = id.getString("sub");
        assertThat(sub).isNotBlank();
        assertThat(id.getString("iss")).isEqualTo(gateway.issuer());
        assertThat(audience(id)).containsExactly(RunningGateway.CLIENT_ID);
        assertThat(id.getString("nonce")).isEqualTo(login.getString("nonce"));
        assertThat(id.getJsonArray("amr").getList()).contains("sc", "pin");
        long now = Instant.now().getEpochSecond();
        assertThat(id.getLong("auth_time")).isBetween(now - 120, now);
        assertThat(login.getJsonObject("userinfo").getString("sub")).isEqualTo(sub);
        assertThat(login.getString("token_type")).isEqualToIgnoringCase("DPoP");
        assertThat(login.getString("dpop_jkt")).matches("[A-Za-z0-9_-]{43}");
        JsonObject access = login.getJsonObject("access_token");
        if (access != null) {
            assertThat(access.getString("iss")).isEqualTo(gateway.issuer());
            assertThat(access.getString("sub")).isEqualTo(sub);
            assertThat(access.getString("client_id")).isEqualTo(RunningGateway.CLIENT_ID);
            assertThat(audience(access)).containsExactly(gateway.issuer() + "/userinfo");
            assertThat(access.getString("scope")).isEqualTo(login.getString("scope"));
            assertThat(access.getString("acr")).isEqualTo(id.getString("acr"));
            assertThat(access.getJsonObject("cnf").getString("jkt")).isEqualTo(login.getString("dpop_jkt"));
        }
        JsonObject refreshed = login.getJsonObject("refreshed");
        assertThat(refreshed.getString("token_type")).isEqualToIgnoringCase("DPoP");
        assertThat(refreshed.getBoolean("access_token_changed")).isTrue();
        assertThat(refreshed.getBoolean("refresh_token_changed")).isTrue();
        assertThat(refreshed.getJsonObject("id_token").getString("sub")).isEqualTo(sub);
    }

    private static void assertIdentity(JsonObject login) {
        assertThat(login.getString("scope").split(" ")).contains("openid").containsAll(FOUR_INFORMATION_SCOPES);
        String name = RunningGateway.FAMILY_NAME + "\u3000" + RunningGateway.GIVEN_NAME;
        JsonObject id = login.getJsonObject("id_token");
        assertThat(id.getString("acr")).isEqualTo("urn:jpkigate:acr:jpki-sign");
        assertFourInformation(id, name);
        JsonObject verified = id.getJsonObject("verified_claims");
        assertThat(verified.getJsonObject("verification").getString("trust_framework")).isEqualTo("jp_aml");
        JsonObject evidence = verified.getJsonObject("verification").getJsonArray("evidence").getJsonObject(0);
        assertThat(evidence.getString("type")).isEqualTo("electronic_signature");
        assertThat(evidence.getString("signature_type")).isEqualTo("jpki");
        assertFourInformation(verified.getJsonObject("claims"), name);

        JsonObject userinfo = login.getJsonObject("userinfo");
        assertFourInformation(userinfo, name);
        assertThat(userinfo.getString("family_name")).isEqualTo(RunningGateway.FAMILY_NAME);
        assertThat(userinfo.getString("given_name")).isEqualTo(RunningGateway.GIVEN_NAME);
        assertThat(userinfo.getJsonObject("verified_claims").getJsonObject("claims").fieldNames())
                .contains("name", "address", "birthdate", "gender");
    }

    private static void assertFourInformation(JsonObject claims, String name) {
        assertThat(claims.getString("name")).isEqualTo(name);
        assertThat(claims.getString("birthdate")).isEqualTo(RunningGateway.BIRTH_DATE.toString());
        assertThat(claims.getString("gender")).isEqualTo("male");
        assertThat(claims.getJsonObject("address").getString("formatted")).isEqualTo(RunningGateway.ADDRESS);
    }

    /** {@code aud} as a list, whether the token carries a string or an array. */
    private static List<Object> audience(JsonObject claims) {
        Object aud = claims.getValue("aud");
        return aud instanceof JsonArray array ? array.getList() : List.of(aud);
    }
}
