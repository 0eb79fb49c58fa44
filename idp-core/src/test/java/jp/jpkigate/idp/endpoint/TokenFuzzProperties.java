package jp.jpkigate.idp.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

/**
 * Arbitrary form bodies at the token-like endpoints: at {@code POST /token} always a 4xx OAuth error
 * JSON with no-store; at {@code POST /introspect} and {@code POST /revoke} that, or 200 (inactive, or
 * nothing revoked: no valid token can be guessed), with no-store; never a 5xx.
 */
class TokenFuzzProperties {
    private static OpFixture op;

    @BeforeContainer
    static void start() throws Exception {
        op = OpFixture.start();
    }

    @AfterContainer
    static void stop() throws Exception {
        op.close();
    }

    @Property(tries = 200)
    void arbitraryTokenRequestsAreOAuthErrors(@ForAll("parameters") List<Tuple.Tuple2<String, String>> params,
                                              @ForAll("authorizations") String authorization) throws Exception {
        String body = params.stream().map(t -> t.get1() + "=" + t.get2()).collect(Collectors.joining("&"));
        HttpResponse<Buffer> answer = op.post("/token", body, authorization.isEmpty() ? Map.of() : Map.of("Authorization", authorization));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isBetween(400, 499);
        assertThat(new JsonObject(answer.bodyAsString()).getString("error")).isNotBlank();
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
        if (answer.statusCode() == 401) {
            assertThat(answer.getHeader("WWW-Authenticate")).isNotBlank();
        }
    }

    @Property(tries = 200)
    void arbitraryIntrospectionAndRevocationRequestsAreInactiveOrOAuthErrors(
            @ForAll("introspectionPaths") String path, @ForAll("parameters") List<Tuple.Tuple2<String, String>> params,
            @ForAll("authorizations") String authorization, @ForAll("accepts") String accept) throws Exception {
        String body = params.stream().map(t -> t.get1() + "=" + t.get2()).collect(Collectors.joining("&"));
        Map<String, String> headers = new HashMap<>();
        if (!authorization.isEmpty()) {
            headers.put("Authorization", authorization);
        }
        if (!accept.isEmpty()) {
            headers.put("Accept", accept);
        }
        HttpResponse<Buffer> answer = op.post(path, body, headers);
        assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
        if (answer.statusCode() != 200) {
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isBetween(400, 499);
            assertThat(new JsonObject(answer.bodyAsString()).getString("error")).isNotBlank();
        } else if (path.equals("/revoke")) {
            assertThat(answer.bodyAsString()).isNullOrEmpty();
        } else if ("application/token-introspection+jwt".equals(answer.getHeader("Content-Type"))) {
            assertThat(SignedJWT.parse(answer.bodyAsString()).getJWTClaimsSet().getJSONObjectClaim("token_introspection"))
                    .containsExactly(Map.entry("active", false));
        } else {
            assertThat(new JsonObject(answer.bodyAsString()).getMap()).containsExactly(Map.entry("active", false));
        }
    }

    @Provide
    Arbitrary<String> introspectionPaths() {
        return Arbitraries.of("/introspect", "/revoke");
    }

    @Provide
    Arbitrary<String> accepts() {
        return Arbitraries.oneOf(Arbitraries.of("", "application/json", "application/token-introspection+jwt",
                "application/token-introspection+jwt;q=0", "*/*;q=0.1, application/token-introspection+jwt;q=0.9", ";;,,",
                "application/token-introspection+jwt;q="), Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> parameters() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope", "client_id",
                        "client_assertion", "client_assertion_type", "client_secret", "token", "token_type_hint"),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("authorization_code", "refresh_token", "client_credentials", "password",
                        "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer", "bank", "legacy",
                        "eyJhbGciOiJub25lIn0.e30.", "AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        "https%3A%2F%2Frp.bank.example%2Fcb", "%ZZ", "%C3%28", "openid", "consent%3Aread", "access_token",
                        "eyJhbGciOiJFUzI1NiJ9.e30.AAAA", "%00"),
                Arbitraries.strings().ofMaxLength(200), Arbitraries.strings().withCharRange('A', 'z').ofLength(66));
        return Combinators.combine(names, values).as(Tuple::of).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> authorizations() {
        return Arbitraries.of("", "Basic bGVnYWN5OnMzY3JldC1mb3ItdGVzdHM=", "Basic bGVnYWN5Ondyb25n", "Basic !!!",
                "Bearer x", "DPoP x", "Basic " + java.util.Base64.getEncoder().encodeToString("legacy:".getBytes()),
                "Basic " + java.util.Base64.getEncoder().encodeToString("bank:x".getBytes()));
    }
}
