package jp.jpkigate.revocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** RFC 6960 A.1.1 GET paths: any string decodes or is a 400 problem; any request survives the encodings. */
class OcspGetRequestProperties {
    @Property(tries = 500)
    void arbitraryPathsDecodeOrAre400(@ForAll String path) {
        try {
            assertThat(OcspGetRequest.decode(path)).isNotEmpty();
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().slug()).isEqualTo("invalid-ocsp-request");
        }
    }

    @Property(tries = 300)
    void encodedRequestsRoundTrip(@ForAll @Size(min = 1, max = 300) byte[] der) {
        String standard = Base64.getEncoder().encodeToString(der);
        assertThat(OcspGetRequest.decode(URLEncoder.encode(standard, StandardCharsets.US_ASCII))).isEqualTo(der);
        assertThat(OcspGetRequest.decode(standard)).isEqualTo(der);
        assertThat(OcspGetRequest.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(der))).isEqualTo(der);
    }
}
