package jp.jpkigate.sim.ocsp;

import static jp.jpkigate.sim.crl.TestPki.CLOCK;
import static jp.jpkigate.sim.crl.TestPki.SIGN_2026;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import jp.jpkigate.sim.crl.InMemoryRevocationLog;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.cert.ocsp.OCSPResp;

/** RFC 6960 4.2.1: whatever arrives, the answer is a DER OCSPResponse, never an exception. */
class OcspMalformedProperties {
    private static final OcspResponder RESPONDER = new OcspResponder(() -> List.of(SIGN_2026),
            new InMemoryRevocationLog(), CLOCK, OcspResponderTest.SIGNERS);
    private static final byte[] VALID = OcspTestRequests.request(true,
            OcspTestRequests.sha1(SIGN_2026, 12345), OcspTestRequests.sha256(SIGN_2026, 678));

    @Property(tries = 500)
    void arbitraryBytesAreMalformedRequest(@ForAll @Size(max = 600) byte[] bytes) {
        assertThat(OcspTestRequests.parse(RESPONDER.respond(bytes)).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Property(tries = 200)
    void truncatedRequestsAreMalformedRequest(@ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] truncated = Arrays.copyOf(VALID, cut % VALID.length);
        assertThat(OcspTestRequests.parse(RESPONDER.respond(truncated)).getStatus())
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Property(tries = 200)
    void bitFlippedRequestsGetAnOcspResponse(@ForAll @IntRange(min = 0, max = 100_000) int bit) {
        byte[] flipped = VALID.clone();
        int index = bit % (flipped.length * 8);
        flipped[index / 8] ^= (byte) (1 << (index % 8));
        assertThat(OcspTestRequests.parse(RESPONDER.respond(flipped)).getStatus())
                .isIn(OCSPResp.SUCCESSFUL, OCSPResp.MALFORMED_REQUEST, OCSPResp.UNAUTHORIZED);
    }
}
