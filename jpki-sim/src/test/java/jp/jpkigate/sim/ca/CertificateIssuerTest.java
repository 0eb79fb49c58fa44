package jp.jpkigate.sim.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate profiles, read back by a second, independent parser: openssl. */
class CertificateIssuerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Municipality SHINJUKU = new Municipality("Tokyo", "Shinjuku-ku");
    private static SimCa signCa;
    private static SimCa authCa;
    private static KeyPair subjectKeys;

    @TempDir
    Path dir;

    @BeforeAll
    static void cas() {
        signCa = SimCa.create(CaKind.SIGNATURE, 2026, KeyAlgorithm.RSA_2048, RANDOM);
        authCa = SimCa.create(CaKind.AUTHENTICATION, 2026, KeyAlgorithm.RSA_2048, RANDOM);
        subjectKeys = KeyAlgorithm.RSA_2048.generateKeyPair(RANDOM);
    }

    @Test
    void rootsOfOneHierarchyShareTheirDnAcrossGenerations() throws Exception {
        SimCa older = SimCa.create(CaKind.SIGNATURE, 2021, KeyAlgorithm.EC_P384, RANDOM);
        assertThat(older.certificate().getSubjectX500Principal()).isEqualTo(signCa.certificate().getSubjectX500Principal());
        assertThat(older.certificate().getPublicKey()).isNotEqualTo(signCa.certificate().getPublicKey());
        assertThat(signCa.certificate().getNotAfter().toInstant()).isEqualTo(Instant.parse("2035-12-31T14:59:59Z"));
        String text = openssl(signCa.certificate(), "x509", "-text");
        assertThat(text).contains("Issuer: C=JP, O=JPKI-SIM, OU=JPKI for digital signature, OU=Japan Agency for Local Authority Information Systems")
                .contains("CA:TRUE").contains("Certificate Sign, CRL Sign");
        older.certificate().verify(older.certificate().getPublicKey());
    }

    @Test
    void signatureCertificateCarriesTheFourInformationInTheRealOrder() throws Exception {
        FourInfo info = FourInfo.of("山田", "太郎", LocalDate.of(1990, 1, 2), Gender.MALE, "東京都新宿区西新宿二丁目８番１号");
        X509Certificate cert = CertificateIssuer.issue(new IssueRequest(signCa, CertificateType.SIGNATURE_CARD,
                subjectKeys.getPublic(), BigInteger.valueOf(1_000_001), "ABCDEFGHIJKLMNOPQRSTUVW", SHINJUKU, info,
                Instant.parse("2026-11-22T00:00:00Z"), Validity.endOfDayJst(LocalDate.of(2031, 1, 2))));
        cert.verify(signCa.certificate().getPublicKey());

        String text = openssl(cert, "x509", "-text");
        assertThat(text).contains("Subject: C=JP, L=Tokyo, L=Shinjuku-ku, CN=ABCDEFGHIJKLMNOPQRSTUVW")
                .containsPattern("X509v3 Key Usage: critical\\s+Digital Signature, Non Repudiation")
                .contains("Policy: 1.2.392.200149.8.5.1.1.20")
                .contains("DirName:C = JP, O = JPKI-SIM, OU = JPKI for digital signature, OU = CRL Distribution Points, OU = Tokyo, CN = Shinjuku-ku CRLDP")
                .contains("X509v3 Authority Key Identifier")
                .contains("Not After : Jan  2 14:59:59 2031 GMT")
                .contains("othername: 1.2.392.200149.8.5.5.1::山田\u3000太郎, othername: 1.2.392.200149.8.5.5.4::419900102, "
                        + "othername: 1.2.392.200149.8.5.5.3::1, othername: 1.2.392.200149.8.5.5.5::東京都新宿区西新宿二丁目８番１号, "
                        + "othername: 1.2.392.200149.8.5.5.2::00000, othername: 1.2.392.200149.8.5.5.6::0000000000000000");

        // asn1parse shows the otherName OIDs in the order seen on real cards, each value a UTF8STRING.
        Path der = dir.resolve("cert.der");
        Files.write(der, cert.getEncoded());
        List<String> outer = run("openssl", "asn1parse", "-inform", "DER", "-in", der.toString()).lines().toList();
        int san = outer.indexOf(outer.stream().filter(l -> l.endsWith(":X509v3 Subject Alternative Name")).findFirst().orElseThrow());
        String sanOffset = outer.get(san + 1).substring(0, outer.get(san + 1).indexOf(':')).trim();
        String asn1 = run("openssl", "asn1parse", "-inform", "DER", "-in", der.toString(), "-strparse", sanOffset);
        List<String> oids = asn1.lines().filter(l -> l.contains(":1.2.392.200149.8.5.5."))
                .map(l -> l.substring(l.lastIndexOf(':') + 1).trim()).toList();
        assertThat(oids).containsExactly("1.2.392.200149.8.5.5.1", "1.2.392.200149.8.5.5.4", "1.2.392.200149.8.5.5.3",
                "1.2.392.200149.8.5.5.5", "1.2.392.200149.8.5.5.2", "1.2.392.200149.8.5.5.6");
        assertThat(asn1).contains("UTF8STRING        :419900102").contains("UTF8STRING        :1\n");
    }

    @Test
    void authenticationCertificateHasNoFourInformation() throws Exception {
        X509Certificate cert = CertificateIssuer.issue(new IssueRequest(authCa, CertificateType.AUTH_PHONE,
                subjectKeys.getPublic(), BigInteger.valueOf(77), "ZYXWVUTSRQPONMLKJIHGFED", SHINJUKU, null,
                Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2031-01-02T14:59:59Z")));
        String text = openssl(cert, "x509", "-text");
        assertThat(text).contains("Subject: C=JP, CN=ZYXWVUTSRQPONMLKJIHGFED")
                .containsPattern("X509v3 Key Usage: critical\\s+Digital Signature\\s")
                .contains("Policy: " + JpkiOids.POLICY_AUTH_PHONE)
                .contains("OU = JPKI for user authentication, OU = CRL Distribution Points")
                .doesNotContain("Subject Alternative Name");
    }

    private String openssl(X509Certificate cert, String... args) throws Exception {
        Path pem = dir.resolve("cert.pem");
        Files.writeString(pem, Pem.write(cert));
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        command.addAll(List.of("-noout", "-nameopt", "utf8,sep_comma_plus_space", "-in", pem.toString()));
        return run(command.toArray(String[]::new));
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
