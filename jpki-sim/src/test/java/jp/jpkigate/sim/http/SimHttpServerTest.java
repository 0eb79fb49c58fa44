package jp.jpkigate.sim.http;

import static jp.jpkigate.sim.crl.TestPki.AUTH_2026_EC;
import static jp.jpkigate.sim.crl.TestPki.CLOCK;
import static jp.jpkigate.sim.crl.TestPki.NAHA;
import static jp.jpkigate.sim.crl.TestPki.NOW;
import static jp.jpkigate.sim.crl.TestPki.SHINJUKU;
import static jp.jpkigate.sim.crl.TestPki.SIGN_2025;
import static jp.jpkigate.sim.crl.TestPki.SIGN_2026;
import static jp.jpkigate.sim.crl.TestPki.openssl;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.crl.CrlNumber;
import jp.jpkigate.sim.crl.InMemoryRevocationLog;
import jp.jpkigate.sim.crl.TestPki;
import jp.jpkigate.sim.ocsp.OcspTestRequests;
import jp.jpkigate.sim.revocation.Reason;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The whole publication server on port 0; openssl runs on the test thread, never on the event loop. */
@ExtendWith(VertxExtension.class)
class SimHttpServerTest {
    static final InMemoryRevocationLog LOG = new InMemoryRevocationLog();
    static SimHttpServer server;
    static WebClient client;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start(Vertx vertx, VertxTestContext ctx) {
        String sign = SIGN_2026.id();
        LOG.issued(sign, 10);
        LOG.record(sign, 11, SHINJUKU, NOW.minusSeconds(7200), Reason.AFFILIATION_CHANGED);
        LOG.record(sign, 12, NAHA, NOW.minusSeconds(7000), Reason.SUPERSEDED);
        LOG.record(sign, 13, SHINJUKU, NOW.minusSeconds(6000), Reason.CERTIFICATE_HOLD);
        LOG.record(sign, 13, SHINJUKU, NOW.minusSeconds(60), Reason.REMOVE_FROM_CRL);
        LOG.record(sign, 14, SHINJUKU, NOW.minusSeconds(30), Reason.CERTIFICATE_HOLD);
        LOG.record(AUTH_2026_EC.id(), 21, SHINJUKU, NOW.minusSeconds(30), Reason.KEY_COMPROMISE);
        LOG.issued(AUTH_2026_EC.id(), 22);
        SimPublisherSources sources = SimPublisherSources.of(List.of(SIGN_2025, SIGN_2026, AUTH_2026_EC), LOG, CLOCK);
        SimHttpServer.start(vertx, sources, "127.0.0.1", 0).onComplete(ctx.succeeding(started -> {
            server = started;
            client = WebClient.create(vertx);
            ctx.completeNow();
        }));
    }

    @AfterAll
    static void stop(VertxTestContext ctx) {
        server.close().onComplete(ctx.succeedingThenComplete());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static HttpResponse<Buffer> get(String uri, String... headers) throws Exception {
        var request = client.get(server.port(), "127.0.0.1", uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.putHeader(headers[i], headers[i + 1]);
        }
        return await(request.send());
    }

    private static String ocsp(SimCa ca, long serial, String... options) {
        Path caPem = TestPki.writePem(dir, ca.id() + ".pem", ca.certificate());
        Path cert = TestPki.writePem(dir, ca.id() + "-" + serial + ".pem", TestPki.issue(ca, serial, SHINJUKU));
        List<String> args = new java.util.ArrayList<>(List.of("ocsp"));
        args.addAll(List.of(options)); // a digest option must come before -cert
        args.addAll(List.of("-issuer", caPem.toString(), "-cert",
                cert.toString(), "-url", "http://127.0.0.1:" + server.port() + "/ocsp", "-CAfile", caPem.toString(),
                "-resp_text", "-attime", Long.toString(NOW.getEpochSecond()),
                // The clock is fixed: accept status times far from the wall clock openssl compares them with.
                "-validity_period", Long.toString(java.time.Duration.ofDays(3650).getSeconds())));
        return openssl(args.toArray(String[]::new));
    }

    @Test
    void opensslOcspReportsGoodRevokedAndUnknownAndVerifiesTheDelegate() {
        String good = ocsp(SIGN_2026, 10);
        assertThat(good).contains("Response verify OK", "-10.pem: good", "OCSP Nonce")
                .doesNotContain("WARNING: no nonce");
        assertThat(ocsp(SIGN_2026, 11, "-no_nonce")).contains("Response verify OK", ": revoked",
                "Reason: affiliationChanged").doesNotContain("OCSP Nonce");
        assertThat(ocsp(SIGN_2026, 14, "-sha256")).contains("Response verify OK", ": revoked", "Reason: certificateHold");
        assertThat(ocsp(SIGN_2026, 13)).contains("Response verify OK", "-13.pem: good");
        assertThat(ocsp(SIGN_2026, 99, "-no_nonce")).contains("Response verify OK", "-99.pem: unknown");
        assertThat(ocsp(SIGN_2025, 10)).contains("Response verify OK", "-10.pem: unknown");
    }

    @Test
    void opensslOcspWorksForTheEcP384Ca() {
        assertThat(ocsp(AUTH_2026_EC, 21)).contains("Response verify OK", ": revoked", "Reason: keyCompromise",
                "ecdsa-with-SHA384");
        assertThat(ocsp(AUTH_2026_EC, 22, "-no_nonce")).contains("Response verify OK", "-22.pem: good");
    }

    @Test
    void ocspByGetWithUrlEncodedBase64() throws Exception {
        byte[] request = OcspTestRequests.request(false, OcspTestRequests.sha1(SIGN_2026, 11));
        String encoded = java.net.URLEncoder.encode(Base64.getEncoder().encodeToString(request),
                java.nio.charset.StandardCharsets.US_ASCII);
        HttpResponse<Buffer> response = get("/ocsp/" + encoded);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/ocsp-response");
        assertThat(OcspTestRequests.parse(response.body().getBytes()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        assertThat(get("/ocsp/not%base64!").statusCode()).isEqualTo(400);
        var post = await(client.post(server.port(), "127.0.0.1", "/ocsp")
                .putHeader("Content-Type", "application/ocsp-request").sendBuffer(Buffer.buffer(new byte[] {1, 2})));
        assertThat(OcspTestRequests.parse(post.body().getBytes()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        var wrongType = await(client.post(server.port(), "127.0.0.1", "/ocsp")
                .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(request)));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
    }

    @Test
    void fullCrlSupportsConditionalGet() throws Exception {
        HttpResponse<Buffer> full = get("/crl/sign-2026/full.crl");
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.getHeader("Content-Type")).isEqualTo("application/pkix-crl");
        String etag = full.getHeader("ETag");
        String lastModified = full.getHeader("Last-Modified");
        assertThat(lastModified).isEqualTo("Fri, 20 Nov 2026 03:00:00 GMT");

        assertThat(get("/crl/sign-2026/full.crl", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("/crl/sign-2026/full.crl", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get("/crl/sign-2026/full.crl", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

        Path file = Files.write(dir.resolve("full.crl"), full.body().getBytes());
        assertThat(openssl("crl", "-inform", "DER", "-in", file.toString(), "-text", "-noout"))
                .contains("Affiliation Changed", "Superseded", "Certificate Hold", "X509v3 CRL Number")
                .doesNotContain("Serial Number: 0D");
    }

    @Test
    void deltaAndPartitionCrlsOverHttp() throws Exception {
        String base = CrlNumber.of(3, NOW.minusSeconds(3600)).value().toString();
        HttpResponse<Buffer> delta = get("/crl/sign-2026/delta.crl?base=" + base);
        assertThat(delta.statusCode()).isEqualTo(200);
        Path deltaFile = Files.write(dir.resolve("delta.crl"), delta.body().getBytes());
        assertThat(openssl("crl", "-inform", "DER", "-in", deltaFile.toString(), "-text", "-noout"))
                .contains("X509v3 Delta CRL Indicator: critical", "Remove From CRL", "Certificate Hold");
        assertThat(get("/crl/sign-2026/delta.crl?base=" + base, "If-None-Match", delta.getHeader("ETag"))
                .statusCode()).isEqualTo(304);

        HttpResponse<Buffer> partition = get("/crl/sign-2026/Okinawa/Naha-shi/full.crl");
        Path partitionFile = Files.write(dir.resolve("naha.crl"), partition.body().getBytes());
        assertThat(openssl("crl", "-inform", "DER", "-in", partitionFile.toString(), "-text", "-noout"))
                .contains("X509v3 Issuing Distribution Point: critical", "CN = Naha-shi CRLDP", "Superseded")
                .doesNotContain("Affiliation Changed");
        assertThat(get("/crl/auth-2026/Tokyo/Shinjuku-ku/delta.crl?base=0").statusCode()).isEqualTo(200);
    }

    @Test
    void badInputGetsProblemDocuments() throws Exception {
        HttpResponse<Buffer> unknownCa = get("/crl/sign-1999/full.crl");
        assertThat(unknownCa.statusCode()).isEqualTo(404);
        assertThat(unknownCa.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(unknownCa.bodyAsJsonObject().getString("type")).isEqualTo("urn:jpki-sim:problem:unknown-ca");
        assertThat(get("/crl/sign-2026/delta.crl").statusCode()).isEqualTo(400);
        assertThat(get("/crl/sign-2026/delta.crl?base=abc").statusCode()).isEqualTo(400);
        HttpResponse<Buffer> future = get("/crl/sign-2026/delta.crl?base="
                + CrlNumber.of(99, NOW).value());
        assertThat(future.statusCode()).isEqualTo(404);
        assertThat(future.bodyAsJsonObject().getString("type")).isEqualTo("urn:jpki-sim:problem:unknown-base-crl");
        assertThat(get("/ca/sign-1999.pem").statusCode()).isEqualTo(404);
        assertThat(get("/nothing/here").getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
    }

    @Test
    void caCertificatesAsJsonPemAndDer() throws Exception {
        JsonArray list = get("/ca").bodyAsJsonArray();
        assertThat(list).hasSize(3);
        assertThat(list.getJsonObject(2).getString("algorithm")).isEqualTo("EC_P384");
        assertThat(list.getJsonObject(1).getString("pem")).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(get("/ca/sign-2026.der").body().getBytes()).isEqualTo(SIGN_2026.certificate().getEncoded());
        assertThat(get("/ca/auth-2026.pem").bodyAsString()).contains("BEGIN CERTIFICATE");
    }
}
