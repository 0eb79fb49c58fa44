package jp.jpkigate.idp.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.login.SignerIdentity;
import org.junit.jupiter.api.Test;

class PairwiseSubjectsTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();

    private static SignerIdentity signer(String anchor, long serial) {
        return new SignerIdentity(JpkiCertificateType.values()[0], BigInteger.valueOf(serial), anchor, Instant.EPOCH, Optional.empty());
    }

    private static String sub(PairwiseSubjects subjects, String sector, SignerIdentity signer) {
        return subjects.subject(sector, signer).result();
    }

    @Test
    void renewedCertificateKeepsTheSubjectAndAnotherSectorSeesAnotherOne() {
        MapLinkage linkage = new MapLinkage()
                .renewed("jlis:auth_ca_2019", 0x1234, "jlis:auth_ca_2023", 0x9999)
                .renewed("jlis:auth_ca_2023", 0x9999, "jlis:auth_ca_2023", 0xabcd);
        PairwiseSubjects subjects = new PairwiseSubjects(SECRET, new LinkedPersonKeys(linkage, new MemoryPersonKeyStore()));
        String first = sub(subjects, "bank.example", signer("jlis:auth_ca_2019", 0x1234));
        assertThat(sub(subjects, "bank.example", signer("jlis:auth_ca_2023", 0x9999))).isEqualTo(first);
        assertThat(sub(subjects, "bank.example", signer("jlis:auth_ca_2023", 0xabcd))).isEqualTo(first);
        assertThat(sub(subjects, "carrier.example", signer("jlis:auth_ca_2023", 0xabcd))).isNotEqualTo(first);
        assertThat(sub(subjects, "bank.example", signer("jlis:auth_ca_2023", 0x5555))).isNotEqualTo(first);
        assertThat(first).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void defaultResolverUsesTheCertificateAndTheSectorSeparatorPreventsAmbiguity() {
        PairwiseSubjects subjects = new PairwiseSubjects(SECRET, CertificatePersonKeys.INSTANCE);
        assertThat(sub(subjects, "a", signer("x", 1))).isEqualTo(sub(subjects, "a", signer("x", 1)));
        assertThat(sub(subjects, "a", signer("x", 2))).isNotEqualTo(sub(subjects, "a", signer("x", 1)));
        assertThat(subjects.subject("ab", "c")).isNotEqualTo(subjects.subject("a", "bc"));
        assertThat(new PairwiseSubjects("another-secret-another-secret-xx".getBytes(), CertificatePersonKeys.INSTANCE)
                .subject("a", "k")).isNotEqualTo(subjects.subject("a", "k"));
        assertThatThrownBy(() -> new PairwiseSubjects(new byte[16], CertificatePersonKeys.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
