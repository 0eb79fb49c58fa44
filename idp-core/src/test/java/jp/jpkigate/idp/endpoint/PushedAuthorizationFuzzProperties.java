package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.jpkigate.idp.key.Jca;
import jp.jpkigate.idp.testing.OpFixture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Arbitrary form bodies at {@code POST /par}: always an OAuth error JSON with a 4xx status, never a 5xx. */
class PushedAuthorizationFuzzProperties {
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
        PrivateKeyJWT auth = new PrivateKeyJWT(new JWTAuthenticationClaimsSet(new ClientID(OpFixture.BANK), new Audience(OpFixture.ISSUER)),
                JWSAlgorithm.ES256, op.bankEcKey.toECPrivateKey(), op.bankEcKey.getKeyID(), Jca.BC);
        String authBody = auth.toParameters().entrySet().stream()
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
}
