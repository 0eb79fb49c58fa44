package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.web.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Over HTTP: no body, header or OCSP path makes the server answer 5xx or hang; every 4xx is problem+json. */
class CheckHttpProperties {
    static Vertx vertx;
    static TestServer server;

    @BeforeContainer
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = await(TestServer.start(vertx));
    }

    @AfterContainer
    static void stop() throws Exception {
        await(vertx.close());
    }

    static void assertClientErrorOrSuccess(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
            assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(response.statusCode());
        }
    }

    @Property(tries = 150)
    void arbitraryBodies(@ForAll @Size(max = 400) byte[] body) throws Exception {
        assertClientErrorOrSuccess(server.check(Buffer.buffer(body), "application/json"));
    }

    @Property(tries = 150)
    void mutatedValidBodies(@ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll char replacement) throws Exception {
        String valid = CheckRequestProperties.VALID_CERTIFICATES;
        int at = position % valid.length();
        assertClientErrorOrSuccess(server.check(Buffer.buffer(valid.substring(0, at) + replacement
                + valid.substring(at + 1)), "application/json"));
    }

    @Property(tries = 100)
    void arbitraryAuthorizationAndContentType(@ForAll @Size(max = 60) String authorization,
                                              @ForAll @Size(max = 40) String contentType) throws Exception {
        var request = server.client.post(server.port(), "127.0.0.1", "/revocation/v1/check");
        String header = authorization.replaceAll("[\\p{Cntrl}\\x80-\\x{10FFFF}]", "");
        if (!header.isEmpty()) {
            request.putHeader("Authorization", header);
        }
        request.putHeader("Content-Type", contentType.replaceAll("[\\p{Cntrl}\\x80-\\x{10FFFF}]", ""));
        assertClientErrorOrSuccess(await(request.sendBuffer(Buffer.buffer(CheckRequestProperties.VALID_SERIALS))));
    }

    @Property(tries = 150)
    void arbitraryOcspGetPaths(@ForAll @Size(max = 200) byte[] bytes) throws Exception {
        StringBuilder path = new StringBuilder("/revocation/ocsp/");
        for (byte b : bytes) {
            char c = (char) (b & 0x7f);
            path.append(Character.isLetterOrDigit(c) || "+/=-_".indexOf(c) >= 0 ? String.valueOf(c)
                    : String.format("%%%02X", (int) c));
        }
        HttpResponse<Buffer> response = server.get(path.toString());
        assertClientErrorOrSuccess(response);
        if (response.statusCode() == 200) {
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/ocsp-response");
        }
    }
}
