package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.testing.OpFixture;
import jp.jpkigate.idp.testing.RequestObjectBuilder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Arbitrary form bodies and request objects at {@code POST /par}: always an OAuth error JSON with
 * a 4xx status, never a 5xx.
 */
class PushedAuthorizationFuzzProperties {
    private static final ECKey STRANGER = (ECKey) SigningKeys.generateKey(JWSAlgorithm.ES256);
    private static OpFixture op;

    @BeforeContainer
    static void start() throws Exception {
        op = OpFixture.start();
    }

    @AfterContainer
    static void stop() throws Exception {
        op.close();
    }

    @Property(tries = 150)
    void arbitraryBodiesAreOAuthErrors(@ForAll("bodies") String body, @ForAll("contentTypes") String contentType) throws Exception {
        HttpResponse<Buffer> answer = op.post("/par", body, Map.of("Content-Type", contentType));
        assertOAuthError(answer);
    }

    /** With a valid client assertion, so the authorization-request parser itself is fuzzed. */
    @Property(tries = 150)
    void arbitraryParametersOfAnAuthenticatedClientAreOAuthErrorsOrCreated(@ForAll("parameters") List<Tuple.Tuple2<String, String>> params)
            throws Exception {
        String authBody = bankAuth().toParameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().get(0), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String body = authBody + params.stream().map(t -> "&" + t.get1() + "=" + t.get2()).collect(Collectors.joining());
        HttpResponse<Buffer> answer = op.post("/par", body, Map.of());
        if (answer.statusCode() == 201) {
            assertThat(answer.bodyAsJsonObject().getString("request_uri")).startsWith("urn:ietf:params:oauth:request_uri:");
        } else {
            assertOAuthError(answer);
        }
    }

    private static PrivateKeyJWT bankAuth() throws Exception {
        return new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK), new Audience(OpFixture.ISSUER)),
                JWSAlgorithm.ES256, op.bankEcKey.toECPrivateKey(), op.bankEcKey.getKeyID(), Jca.BC);
    }

    private static void assertOAuthError(HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isBetween(400, 499);
        JsonObject json = new JsonObject(answer.bodyAsString());
        assertThat(json.getString("error")).isNotBlank();
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
                "application/json", "text/plain", "");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> raw = Arbitraries.strings().ofMaxLength(300);
        Arbitrary<String> formish = Arbitraries.strings().withChars("abc=&%+_2F0Z;\u00e9\u65e5").ofMaxLength(200);
        Arbitrary<String> big = Arbitraries.strings().withChars('a', '=', '&').ofMinLength(8_000).ofMaxLength(9_000);
        return Arbitraries.frequencyOf(Tuple.of(5, raw), Tuple.of(5, formish), Tuple.of(1, big));
    }

    private static final List<String> NAMES = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age", "acr_values", "claims",
            "request_uri", "request", "response_mode", "client_assertion", "client_secret", "x");

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> parameters() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("code", "bank", "https%3A%2F%2Frp.bank.example%2Fcb", "openid", "openid+profile", "S256", "plain",
                        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "none", "none+login", "0", "-1", "99999999999",
                        "%7B%7D", "%7B%22userinfo%22%3A1%7D", "%7B", "%5B%5D", "query", "%zz", "", "%C3%28"),
                Arbitraries.strings().ofMaxLength(40).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)));
        return Combinators.combine(Arbitraries.of(NAMES), value).as(Tuple::of).list().ofMaxSize(14);
    }

    // Request objects (RFC 9101): malformed or unverifiable ones are always invalid_request_object (or
    // invalid_request); correctly signed ones with arbitrary members are 201 or an OAuth 4xx, never a 5xx.

    private static HttpResponse<Buffer> push(String request) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        bankAuth().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        form.put("request", request);
        return op.post("/par", PushedAuthorizationEndpointTest.encode(form), Map.of());
    }

    @Property(tries = 120)
    void malformedOrUnverifiableRequestObjectsAreInvalidRequestObject(@ForAll("unverifiable") String request) throws Exception {
        HttpResponse<Buffer> answer = push(request);
        assertOAuthError(answer);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyAsJsonObject().getString("error")).isIn("invalid_request_object", "invalid_request");
    }

    @Property(tries = 120)
    void signedRequestObjectsWithArbitraryMembersAreCreatedOrOAuthErrors(@ForAll("members") List<Tuple.Tuple2<String, Object>> members)
            throws Exception {
        RequestObjectBuilder builder = RequestObjectBuilder.of(OpFixture.BANK, OpFixture.BANK_REDIRECT, Instant.now());
        members.forEach(m -> builder.claim(m.get1(), m.get2()));
        HttpResponse<Buffer> answer = push(builder.signedWith(op.bankEcKey));
        if (answer.statusCode() != 201) {
            assertOAuthError(answer);
        }
    }

    @Provide
    Arbitrary<String> unverifiable() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ABCxyz019-_.=+/").ofMaxLength(60);
        Arbitrary<String> json = Arbitraries.oneOf(Arbitraries.of("{}", "[]", "null", "{\"alg\":\"none\"}", "{\"alg\":\"ES256\"}",
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"RS256\"}", "{\"alg\":\"EdDSA\",\"crit\":[\"x\"]}",
                "{\"alg\":\"ES256\",\"typ\":\"oauth-authz-req+jwt\"}", "{\"alg\":\"dir\",\"enc\":\"A128GCM\"}", "{\"iss\":\"bank\"}",
                "{\"iss\":\"bank\",\"client_id\":\"bank\",\"aud\":\"" + OpFixture.ISSUER + "\"}", "{\"exp\":\"x\"}",
                "{\"aud\":[1,2]}", "{\"a\":" + "[".repeat(200) + "]",
                "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}"), Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> jose = Combinators.combine(json, json, segment).as((h, p, s) ->
                Base64URL.encode(h.getBytes(StandardCharsets.UTF_8)) + "." + Base64URL.encode(p.getBytes(StandardCharsets.UTF_8)) + "." + s);
        Arbitrary<String> stranger = members().map(ms -> {
            RequestObjectBuilder b = RequestObjectBuilder.of(OpFixture.BANK, OpFixture.BANK_REDIRECT, Instant.now());
            ms.forEach(m -> b.claim(m.get1(), m.get2()));
            return b.signedWith(STRANGER);
        });
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), segment, jose, stranger);
    }

    private static final List<String> MEMBERS = List.of("iss", "aud", "exp", "nbf", "iat", "sub", "client_id", "response_type",
            "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age",
            "acr_values", "claims", "request", "request_uri", "response_mode", "x");

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, Object>>> members() {
        long now = Instant.now().getEpochSecond();
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.of("bank", "legacy", OpFixture.ISSUER, OpFixture.ISSUER + "/par", "code", "openid", "openid profile",
                        "none", "S256", OpFixture.BANK_REDIRECT, "https://evil.example/cb", "{\"userinfo\":{}}", "", "\u0000"),
                Arbitraries.longs().between(now - 7200, now + 7200).map(l -> (Object) l),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L),
                Arbitraries.of(true, 1.5, List.of(), List.of("openid"), List.of(OpFixture.ISSUER), Map.of(), Map.of("id_token", 3)),
                Arbitraries.strings().ofMaxLength(30));
        return Combinators.combine(Arbitraries.of(MEMBERS), value).as(Tuple::of).list().ofMaxSize(6);
    }
}
