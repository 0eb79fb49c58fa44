package jp.jpkigate.idp.mtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import jp.jpkigate.idp.mtls.CertificateSubject.Kind;
import jp.jpkigate.testing.TestPki;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

/** RFC 8705 §2.1.2: the registered subject DN or subjectAltName against a client certificate. */
class MtlsCertificateSubjectTest {
    private static final TestPki PKI = TestPki.create("Subject CA", Instant.now());
    private static final X509Certificate CERT = PKI.client("CN=tls-bank,OU=API,O=Example Bank,C=JP",
            new GeneralName(GeneralName.dNSName, "api.bank.example"),
            new GeneralName(GeneralName.uniformResourceIdentifier, "https://bank.example/client"),
            new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
            new GeneralName(GeneralName.rfc822Name, "Ops@Bank.Example")).certificate();

    private static boolean matches(Kind kind, String value) {
        return CertificateSubject.parse(kind, value).matches(CERT);
    }

    @Test
    void subjectDnMatchesByDistinguishedNameRulesNotByString() {
        assertThat(matches(Kind.SUBJECT_DN, "CN=tls-bank,OU=API,O=Example Bank,C=JP")).isTrue();
        assertThat(matches(Kind.SUBJECT_DN, "cn=TLS-Bank, ou=api, o=example  bank, c=jp")).as("case and spaces").isTrue();
        assertThat(matches(Kind.SUBJECT_DN, "CN=tls-bank,O=Example Bank,C=JP")).as("an RDN missing").isFalse();
        assertThat(matches(Kind.SUBJECT_DN, "C=JP,O=Example Bank,OU=API,CN=tls-bank")).as("another order").isFalse();
        assertThat(matches(Kind.SUBJECT_DN, "CN=tls-bank2,OU=API,O=Example Bank,C=JP")).isFalse();
        assertThat(CertificateSubject.parse(Kind.SUBJECT_DN, "organizationIdentifier=PSDJP-FSA-123,CN=x").value())
                .as("FAPI's organizationIdentifier is a known keyword").startsWith("organizationIdentifier");
    }

    @Test
    void subjectAltNamesMatchByTheirOwnRules() {
        assertThat(matches(Kind.SAN_DNS, "API.Bank.Example")).isTrue();
        assertThat(matches(Kind.SAN_DNS, "api.bank.example.")).as("a trailing dot").isTrue();
        assertThat(matches(Kind.SAN_DNS, "bank.example")).isFalse();
        assertThat(matches(Kind.SAN_URI, "https://bank.example/client")).isTrue();
        assertThat(matches(Kind.SAN_URI, "https://bank.example/Client")).isFalse();
        assertThat(matches(Kind.SAN_IP, "2001:0db8:0:0:0:0:0:1")).as("by the address's bytes").isTrue();
        assertThat(matches(Kind.SAN_IP, "2001:db8::2")).isFalse();
        assertThat(matches(Kind.SAN_EMAIL, "Ops@bank.example")).as("the domain case-insensitively").isTrue();
        assertThat(matches(Kind.SAN_EMAIL, "ops@bank.example")).as("the local part exactly").isFalse();
        assertThat(matches(Kind.SAN_DNS, "tls-bank")).as("the subject CN is no DNS name").isFalse();
    }

    @Test
    void aCertificateWithoutSubjectAltNamesMatchesNoneAndSansAreNotTheDn() {
        X509Certificate plain = PKI.client("CN=api.bank.example,C=JP").certificate();
        assertThat(CertificateSubject.parse(Kind.SAN_DNS, "api.bank.example").matches(plain)).isFalse();
        assertThat(CertificateSubject.parse(Kind.SAN_IP, "127.0.0.1").matches(plain)).isFalse();
    }

    @Test
    void malformedRegistrationsAreRefusedWithoutRepeatingTheValue() {
        for (String[] bad : new String[][] {{"SUBJECT_DN", "CN"}, {"SUBJECT_DN", ""}, {"SAN_DNS", "not a host"},
                {"SAN_URI", "relative/path"}, {"SAN_IP", "bank.example"}, {"SAN_IP", "300.1.1.1"}, {"SAN_EMAIL", "nobody"}}) {
            assertThatThrownBy(() -> CertificateSubject.parse(Kind.valueOf(bad[0]), bad[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(Kind.valueOf(bad[0]).member());
        }
        assertThat(CertificateSubject.parse(Kind.SUBJECT_DN, "CN=x").toString()).doesNotContain("CN=x");
    }
}
