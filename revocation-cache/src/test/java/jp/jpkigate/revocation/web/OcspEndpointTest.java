package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.responder.TestPki.AUTH_2026_EC;
import static jp.jpkigate.revocation.responder.TestPki.NOW;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2025;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2026;
import static jp.jpkigate.revocation.responder.TestPki.issue;
import static jp.jpkigate.revocation.responder.TestPki.openssl;
import static jp.jpkigate.revocation.responder.TestPki.writePem;
import static jp.jpkigate.revocation.web.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jp.jpkigate.revocation.responder.OcspRequests;
import jp.jpkigate.revocation.responder.TestPki;
import jp.jpkigate.sim.ca.SimCa;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** OCSP over HTTP, with openssl as the third-party client (run on the test thread, never on the event loop). */
@ExtendWith(VertxExtension.class)
class OcspEndpointTest {
    static TestServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start(Vertx vertx, VertxTestContext ctx) {
        TestServer.start(vertx).onComplete(ctx.succeeding(started -> {
            server = started;
            TestPki.writeString(dir.resolve("responder.pem"), started.identity.certificatePem());
            ctx.completeNow();
        }));
    }

    /** {@code openssl ocsp} for each (CA, serial) pair, trusting the responder certificate via -VAfile. */
    private static String ocsp(List<String> options, Object... caSerialPairs) {
        List<String> args = new ArrayList<>(List.of("ocsp"));
        args.addAll(options);
        for (int i = 0; i < caSerialPairs.length; i += 2) {
            SimCa ca = (SimCa) caSerialPairs[i];
            long serial = (Long) caSerialPairs[i + 1];
            args.addAll(List.of("-issuer", writePem(dir, ca.id() + ".pem", ca.certificate()).toString(),
                    "-cert", writePem(dir, ca.id() + "-" + serial + ".pem", issue(ca, serial)).toString()));
        }
        args.addAll(List.of("-url", "http://127.0.0.1:" + server.port() + "/revocation/ocsp",
                "-VAfile", dir.resolve("responder.pem").toString(), "-resp_text",
                "-attime", Long.toString(NOW.getEpochSecond()),
                // the server's clock is fixed: accept status times far from openssl's wall clock
                "-validity_period", Long.toString(Duration.ofDays(3650).getSeconds())));
        return openssl(args);
    }

    @Test
    void opensslReportsGoodRevokedHoldAndUnknownAndVerifiesTheResponse() {
        assertThat(ocsp(List.of(), SIGN_2026, 10L)).contains("Response verify OK", "sign-2026-10.pem: good",
                "OCSP Nonce", "Responder Id: ", "ecdsa-with-SHA256").doesNotContain("WARNING: no nonce");
        assertThat(ocsp(List.of("-no_nonce"), SIGN_2026, 11L)).contains("Response verify OK",
                "sign-2026-11.pem: revoked", "Reason: affiliationChanged", "Revocation Time: Nov 19 00:00:00 2026 GMT");
        assertThat(ocsp(List.of("-sha256"), SIGN_2026, 12L)).contains("Response verify OK", ": revoked",
                "Reason: certificateHold");
        assertThat(ocsp(List.of(), SIGN_2026, 10L, SIGN_2025, 5L)).contains("Response verify OK",
                "sign-2026-10.pem: good", "sign-2025-5.pem: unknown");
        assertThat(ocsp(List.of(), SIGN_2025, 5L)).contains("Responder Error: unauthorized");
    }

    @Test
    void opensslWorksForTheEcP384Ca() {
        assertThat(ocsp(List.of(), AUTH_2026_EC, 21L)).contains("Response verify OK", "auth-2026-21.pem: revoked",
                "Reason: keyCompromise");
        assertThat(ocsp(List.of("-no_nonce"), AUTH_2026_EC, 22L)).contains("Response verify OK", "auth-2026-22.pem: good");
    }

    @Test
    void getAnswersWithRfc5019CacheHeaders() throws Exception {
        byte[] request = OcspRequests.request(false, OcspRequests.sha1(SIGN_2026, 11));
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
        HttpResponse<Buffer> response = server.get("/revocation/ocsp/" + encoded);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/ocsp-response");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=900, public, no-transform, must-revalidate");
        assertThat(response.getHeader("Last-Modified")).isEqualTo("Fri, 20 Nov 2026 02:00:00 GMT");
        assertThat(response.getHeader("Expires")).isEqualTo("Fri, 20 Nov 2026 03:15:00 GMT");
        assertThat(response.getHeader("Date")).isEqualTo("Fri, 20 Nov 2026 03:00:00 GMT");
        assertThat(response.getHeader("ETag")).matches("\"[0-9a-f]{32}\"");
        OCSPResp ocsp = OcspRequests.parse(response.body().getBytes());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        assertThat(((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus())
                .isInstanceOf(RevokedStatus.class);
        // URL-safe base64 without padding, unencoded: the same answer
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(request);
        assertThat(server.get("/revocation/ocsp/" + urlSafe).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedRequestsAreOcspErrorsOrProblems() throws Exception {
        HttpResponse<Buffer> notBase64 = server.get("/revocation/ocsp/not%base64!");
        CheckErrorsTest.assertProblem(notBase64, 400, "invalid-ocsp-request");
        CheckErrorsTest.assertProblem(server.get("/revocation/ocsp/"), 400, "invalid-ocsp-request");
        HttpResponse<Buffer> garbage = server.get("/revocation/ocsp/AAECAw%3D%3D");
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(garbage.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(OcspRequests.parse(garbage.body().getBytes()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);

        HttpResponse<Buffer> post = await(server.client.post(server.port(), "127.0.0.1", "/revocation/ocsp")
                .putHeader("Content-Type", "application/ocsp-request").sendBuffer(Buffer.buffer(new byte[] {1, 2})));
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(OcspRequests.parse(post.body().getBytes()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        HttpResponse<Buffer> wrongType = await(server.client.post(server.port(), "127.0.0.1", "/revocation/ocsp")
                .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(new byte[] {1})));
        CheckErrorsTest.assertProblem(wrongType, 415, "unsupported-media-type");
        HttpResponse<Buffer> tooLarge = await(server.client.post(server.port(), "127.0.0.1", "/revocation/ocsp")
                .putHeader("Content-Type", "application/ocsp-request").sendBuffer(Buffer.buffer(new byte[70_000])));
        CheckErrorsTest.assertProblem(tooLarge, 413, "body-too-large");
    }
}
