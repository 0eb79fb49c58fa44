package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.responder.TestPki.SIGN_2026;
import static jp.jpkigate.revocation.responder.TestPki.issue;
import static jp.jpkigate.revocation.web.TestServer.await;
import static jp.jpkigate.revocation.web.TestServer.base64;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(VertxExtension.class)
class CheckErrorsTest {
    static TestServer server;
    static final String GOOD = base64(issue(SIGN_2026, 10));

    @BeforeAll
    static void start(Vertx vertx, VertxTestContext ctx) {
        TestServer.start(vertx).onComplete(ctx.succeeding(started -> {
            server = started;
            ctx.completeNow();
        }));
    }

    static Stream<Arguments> badBodies() {
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i <= CheckRequest.MAX_ITEMS; i++) {
            tooMany.add(new JsonObject().put("issuer", "AB").put("serial", "1"));
        }
        return Stream.of(
                Arguments.of("", "invalid-request", "the body is empty"),
                Arguments.of("certificate=abc", "invalid-request", "not valid JSON"),
                Arguments.of("{\"certificate\": \"" + GOOD + "\"} trailing", "invalid-request", "not valid JSON"),
                Arguments.of("[]", "invalid-request", "must be a JSON object"),
                Arguments.of("{}", "invalid-request", "exactly one of"),
                Arguments.of("{\"certificate\":\"" + GOOD + "\",\"serials\":[]}", "invalid-request", "exactly one of"),
                Arguments.of("{\"certificate\": 5}", "invalid-certificate", "certificate: must be a base64 string"),
                Arguments.of("{\"certificate\": \"!!!\"}", "invalid-certificate", "certificate: not base64"),
                Arguments.of("{\"certificate\": \"AAAA\"}", "invalid-certificate", "certificate: not a DER certificate"),
                Arguments.of("{\"certificate\": \"" + GOOD + "AAAA\"}", "invalid-certificate", "not a DER certificate"),
                Arguments.of("{\"certificates\": [\"" + GOOD + "\",\"" + GOOD + "\",\"" + GOOD + "\",\"AAAA\"]}",
                        "invalid-certificate", "certificates[3]: not a DER certificate"),
                Arguments.of("{\"certificates\": []}", "invalid-request", "certificates: must have at least one item"),
                Arguments.of("{\"certificates\": \"" + GOOD + "\"}", "invalid-request", "certificates: must be an array"),
                Arguments.of("{\"serials\": [{\"issuer\": \"XYZ\", \"serial\": \"1\"}]}", "invalid-serial",
                        "serials[0]: issuer must be a key identifier"),
                Arguments.of("{\"serials\": [{\"issuer\": \"AB\", \"serial\": \"1\"}, {\"issuer\": \"AB\", \"serial\": \"-1\"}]}",
                        "invalid-serial", "serials[1]: serial must be 1 to 40 hex digits"),
                Arguments.of("{\"serials\": [7]}", "invalid-serial", "serials[0]: must be an object"),
                Arguments.of(new JsonObject().put("serials", tooMany).encode(), "batch-too-large",
                        "serials: at most 1000 items, got 1001"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void badBodiesGetAPreciseProblem(String body, String slug, String detail) throws Exception {
        HttpResponse<Buffer> response = server.check(Buffer.buffer(body), "application/json");
        JsonObject problem = assertProblem(response, 400, slug);
        assertThat(problem.getString("detail")).contains(detail);
        if (detail.contains("[3]")) {
            assertThat(problem.getInteger("index")).isEqualTo(3);
        }
    }

    @Test
    void wrongMediaTypeMethodSizeAndPath() throws Exception {
        assertProblem(server.check(Buffer.buffer("{}"), "text/plain"), 415, "unsupported-media-type");
        assertThat(server.check(Buffer.buffer("{\"certificate\":\"" + GOOD + "\"}"), "application/json; charset=utf-8")
                .statusCode()).isEqualTo(200);
        HttpResponse<Buffer> get = server.get("/revocation/v1/check");
        assertProblem(get, 405, "method-not-allowed");
        assertThat(get.getHeader("Allow")).isEqualTo("POST");
        assertProblem(server.check(Buffer.buffer(new byte[CheckRequest.MAX_BODY + 1]), "application/json"), 413,
                "body-too-large");
        assertProblem(server.get("/revocation/v2/nothing"), 404, "not-found");
        assertProblem(server.get("/revocation/ocsp"), 400, "invalid-ocsp-request");
        HttpResponse<Buffer> put = await(server.client.put(server.port(), "127.0.0.1", "/revocation/ocsp").send());
        assertProblem(put, 405, "method-not-allowed");
        assertThat(put.getHeader("Allow")).isEqualTo("POST, GET");
        assertProblem(await(server.client.delete(server.port(), "127.0.0.1", "/revocation/metrics").send()), 405,
                "method-not-allowed");
    }

    @Test
    void badCredentialsAre401WithAChallengeAndTheSecretIsNeverShown() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] headers = {null, "Bearer abc", "Basic !!!", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)),
                    TestServer.basic(TestServer.CLIENT_ID, "Wr0ng-Zq9"), TestServer.basic("nobody", TestServer.SECRET),
                    TestServer.basic("other", TestServer.SECRET), TestServer.basic("", TestServer.SECRET),
                    "Basic " + java.util.Base64.getEncoder().encodeToString("bank-a:%zz".getBytes(StandardCharsets.UTF_8))};
            for (String header : headers) {
                var request = server.client.post(server.port(), "127.0.0.1", "/revocation/v1/check")
                        .putHeader("Content-Type", "application/json");
                if (header != null) {
                    request.putHeader("Authorization", header);
                }
                HttpResponse<Buffer> response = await(request.sendBuffer(Buffer.buffer("{\"certificate\":\"" + GOOD + "\"}")));
                assertProblem(response, 401, "invalid-client");
                assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic realm=\"jpki-gate revocation\"");
                assertThat(response.bodyAsString()).doesNotContain(TestServer.SECRET).doesNotContain("Zq9");
            }
            assertThat(server.check(new JsonObject().put("certificate", GOOD)).statusCode()).isEqualTo(200);
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).doesNotContain(TestServer.SECRET).doesNotContain("Xq7");
        assertThat(server.clients.toString()).doesNotContain(RevocationApiClients.hashSecret(TestServer.SECRET));
    }

    static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String slug) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
        JsonObject problem = response.bodyAsJsonObject();
        assertThat(problem.getString("type")).isEqualTo("urn:jpki-gate:problem:" + slug);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        return problem;
    }
}
