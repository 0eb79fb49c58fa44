package jp.jpkigate.sim.http;

import static jp.jpkigate.sim.crl.TestPki.CLOCK;
import static jp.jpkigate.sim.crl.TestPki.SIGN_2026;
import static jp.jpkigate.sim.http.PropertyServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import jp.jpkigate.sim.crl.InMemoryRevocationLog;
import jp.jpkigate.sim.ocsp.OcspTestRequests;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bouncycastle.cert.ocsp.OCSPResp;

/** Whatever a client sends to the OCSP and CRL routes, the answer is never a 5xx and never a hang. */
class SimHttpMalformedProperties {
    private static final byte[] VALID = OcspTestRequests.request(true, OcspTestRequests.sha1(SIGN_2026, 5));
    private static PropertyServer server;

    @BeforeContainer
    static void start() throws Exception {
        server = PropertyServer.start(SimPublisherSources.of(List.of(SIGN_2026), new InMemoryRevocationLog(), CLOCK));
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<Buffer> post(byte[] body) throws Exception {
        return await(server.post("/ocsp").putHeader("Content-Type", "application/ocsp-request")
                .sendBuffer(Buffer.buffer(body)));
    }

    @Property(tries = 150)
    void postedGarbageGetsMalformedRequest(@ForAll @Size(max = 400) byte[] body) throws Exception {
        HttpResponse<Buffer> response = post(body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(OcspTestRequests.parse(response.body().getBytes()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Property(tries = 100)
    void truncatedOrBitFlippedRequestsAreNeverServerErrors(@ForAll @IntRange(min = 0, max = 100_000) int n,
                                                           @ForAll boolean truncate) throws Exception {
        byte[] request = VALID.clone();
        if (truncate) {
            request = Arrays.copyOf(request, n % request.length);
        } else {
            int bit = n % (request.length * 8);
            request[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        HttpResponse<Buffer> viaPost = post(request);
        HttpResponse<Buffer> viaGet = await(server.get("/ocsp/" + Base64.getUrlEncoder().encodeToString(request)).send());
        for (HttpResponse<Buffer> response : List.of(viaPost, viaGet)) {
            assertThat(response.statusCode()).isLessThan(500);
            if (response.statusCode() == 200) {
                assertThat(OcspTestRequests.parse(response.body().getBytes()).getStatus())
                        .isIn(OCSPResp.SUCCESSFUL, OCSPResp.MALFORMED_REQUEST, OCSPResp.UNAUTHORIZED);
            }
        }
    }

    @Property(tries = 150)
    void arbitraryPathsAreNeverServerErrors(
            @ForAll @StringLength(max = 120) @AlphaChars @NumericChars @Chars({'+', '/', '=', '%', '-', '_', '.'})
            String tail) throws Exception {
        for (String prefix : List.of("/ocsp/", "/crl/sign-2026/delta.crl?base=", "/crl/", "/ca/", "/linkage/sign-2026/",
                "/linkage/")) {
            HttpResponse<Buffer> response = await(server.get(prefix + tail).send());
            assertThat(response.statusCode()).as(prefix + tail).isLessThan(500);
        }
    }
}
