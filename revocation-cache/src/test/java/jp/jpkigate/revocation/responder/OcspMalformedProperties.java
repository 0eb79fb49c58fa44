package jp.jpkigate.revocation.responder;

import static jp.jpkigate.revocation.responder.TestPki.NOW;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2026;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.cert.ocsp.OCSPResp;

/** RFC 6960 4.2.1: whatever arrives, the answer is a DER OCSPResponse, never an exception. */
class OcspMalformedProperties {
    private static final OcspResponder RESPONDER = new OcspResponder(new InMemoryRevocationService()
            .cover(SIGN_2026, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)), 1),
            OcspResponderTest.IDENTITY, OcspResponderTest.CLOCK);
    private static final byte[] VALID = OcspRequests.request(true,
            OcspRequests.sha1(SIGN_2026, 12345), OcspRequests.sha256(SIGN_2026, 678));

    private static int status(byte[] request) throws Exception {
        byte[] der = RESPONDER.respond(request).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return OcspRequests.parse(der).getStatus();
    }

    @Property(tries = 500)
    void arbitraryBytesAreMalformedRequest(@ForAll @Size(max = 600) byte[] bytes) throws Exception {
        assertThat(status(bytes)).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Property(tries = 200)
    void truncatedRequestsAreMalformedRequest(@ForAll @IntRange(min = 0, max = 10_000) int cut) throws Exception {
        assertThat(status(Arrays.copyOf(VALID, cut % VALID.length))).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Property(tries = 300)
    void bitFlippedRequestsGetAnOcspResponse(@ForAll @IntRange(min = 0, max = 100_000) int bit) throws Exception {
        byte[] flipped = VALID.clone();
        int index = bit % (flipped.length * 8);
        flipped[index / 8] ^= (byte) (1 << (index % 8));
        assertThat(status(flipped)).isIn(OCSPResp.SUCCESSFUL, OCSPResp.MALFORMED_REQUEST, OCSPResp.UNAUTHORIZED);
    }

    @Property(tries = 100)
    void trailingBytesAreMalformedRequest(@ForAll @Size(min = 1, max = 20) byte[] tail) throws Exception {
        byte[] extended = Arrays.copyOf(VALID, VALID.length + tail.length);
        System.arraycopy(tail, 0, extended, VALID.length, tail.length);
        assertThat(status(extended)).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }
}
