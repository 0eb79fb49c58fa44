package jp.jpkigate.idp.mtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import jp.jpkigate.testing.TestPki;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The trusted proxy's certificate header ({@link ClientCertificateHeader}): both forms round-trip,
 * and whatever arrives — random text, mutated or truncated encodings — is either a certificate or
 * {@link MalformedClientCertificateException}, never another exception (so never a 500).
 */
class MtlsHeaderProperties {
    private static final TestPki PKI = TestPki.create("Header CA", Instant.now());
    private static final List<X509Certificate> CERTS = List.of(PKI.client("CN=tls-bank,O=Example Bank,C=JP").certificate(),
            PKI.server().certificate(), TestPki.selfSigned("CN=self", TestPki.ecKeys(), Instant.now()).certificate());

    static String rfc9440(X509Certificate certificate) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";
    }

    /** As nginx's $ssl_client_escaped_cert: the PEM, URL-encoded. */
    static String nginx(X509Certificate certificate) {
        return URLEncoder.encode(TestPki.pem(certificate), StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Provide
    Arbitrary<X509Certificate> certificates() {
        return Arbitraries.of(CERTS);
    }

    @Property(tries = 50)
    void bothFormsRoundTrip(@ForAll("certificates") X509Certificate certificate,
                            @ForAll @IntRange(max = 3) int spaces) throws Exception {
        String pad = " ".repeat(spaces);
        assertThat(ClientCertificateHeader.parse(pad + rfc9440(certificate) + pad).certificate()).isEqualTo(certificate);
        assertThat(ClientCertificateHeader.parse(rfc9440(certificate) + ";source=proxy;v").certificate()).isEqualTo(certificate);
        assertThat(ClientCertificateHeader.parse(pad + nginx(certificate)).certificate()).isEqualTo(certificate);
        assertThat(ClientCertificateHeader.parse(TestPki.pem(certificate).replace("\n", " ")).certificate())
                .as("an unescaped PEM with spaces for newlines").isEqualTo(certificate);
    }

    @Property(tries = 1000)
    void anyTextIsACertificateOrMalformed(@ForAll String text) {
        parsesOrRefuses(text);
    }

    @Property(tries = 1000)
    void mutatedEncodingsAreCertificatesOrMalformed(@ForAll("certificates") X509Certificate certificate,
                                                    @ForAll boolean pem, @ForAll @IntRange(max = 2000) int at,
                                                    @ForAll char replacement, @ForAll @IntRange(min = 0, max = 2) int how)
            throws Exception {
        String valid = pem ? nginx(certificate) : rfc9440(certificate);
        int i = at % valid.length();
        String mutated = switch (how) {
            case 0 -> valid.substring(0, i) + replacement + valid.substring(i + 1);
            case 1 -> valid.substring(0, i);
            default -> valid.substring(0, i) + replacement + valid.substring(i);
        };
        parsesOrRefuses(mutated);
    }

    private static void parsesOrRefuses(String value) {
        try {
            ClientCertificate parsed = ClientCertificateHeader.parse(value);
            assertThat(parsed.certificate().getEncoded()).isNotEmpty();
        } catch (MalformedClientCertificateException e) {
            assertThat(e.getMessage()).startsWith("malformed client certificate header");
        } catch (Exception e) {
            throw new AssertionError("neither a certificate nor malformed: " + e, e);
        }
    }

    @Example
    void aPemChainGivesTheIntermediatesAndOversizedOrDoubledValuesAreMalformed() throws Exception {
        X509Certificate leaf = CERTS.get(0);
        ClientCertificate chain = ClientCertificateHeader.parse(nginx(leaf) + nginx(PKI.caCertificate()));
        assertThat(chain.certificate()).isEqualTo(leaf);
        assertThat(chain.intermediates()).containsExactly(PKI.caCertificate());
        assertThatThrownBy(() -> ClientCertificateHeader.parse(" ".repeat(ClientCertificateHeader.MAX_CHARS + 1)))
                .isInstanceOf(MalformedClientCertificateException.class);
        assertThatThrownBy(() -> ClientCertificateHeader.parse(rfc9440(leaf) + "," + rfc9440(leaf)))
                .as("a list, not an item").isInstanceOf(MalformedClientCertificateException.class);
        assertThatThrownBy(() -> ClientCertificateHeader.parse(":" + Base64.getEncoder().encodeToString(
                concat(leaf.getEncoded(), new byte[] {0})) + ":"))
                .as("bytes after the certificate").isInstanceOf(MalformedClientCertificateException.class);
        assertThat(chain.toString()).doesNotContain("tls-bank").contains("x5t#S256=" + CertificateThumbprint.of(leaf));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
