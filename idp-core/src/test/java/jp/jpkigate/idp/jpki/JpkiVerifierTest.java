package jp.jpkigate.idp.jpki;

import static jp.jpkigate.idp.jpki.SimPki.AUTH_2023;
import static jp.jpkigate.idp.jpki.SimPki.AUTH_EC_2024;
import static jp.jpkigate.idp.jpki.SimPki.SIGN_2023;
import static jp.jpkigate.idp.jpki.SimPki.SIGN_2026;
import static jp.jpkigate.idp.jpki.SimPki.SIGN_EC_2024;
import static jp.jpkigate.idp.jpki.SimPki.SUBJECT_EC;
import static jp.jpkigate.idp.jpki.SimPki.SUBJECT_RSA;
import static jp.jpkigate.idp.jpki.SimPki.issue;
import static jp.jpkigate.idp.jpki.SimPki.request;
import static jp.jpkigate.idp.jpki.SimPki.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.idp.jpki.JpkiCertificateType.Device;
import jp.jpkigate.idp.jpki.JpkiCertificateType.Purpose;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.SimCa;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Verification succeeds for every JPKI certificate type and algorithm, and picks the root by key. */
class JpkiVerifierTest {

    @ParameterizedTest
    @EnumSource(CertificateType.class)
    void acceptsAGoodRsaSignatureOfEveryType(CertificateType simType) throws Exception {
        SimCa ca = simType.carriesFourInfo() ? SIGN_2023 : AUTH_2023;
        X509Certificate certificate = issue(ca, simType);
        JpkiCertificateType type = JpkiCertificateType.valueOf(simType.name());

        VerifiedCertificate verified = await(verifier().verify(request(certificate, SUBJECT_RSA, ExpectedType.exactly(type))));

        assertThat(verified.type()).isEqualTo(type);
        assertThat(verified.serial()).isEqualTo(certificate.getSerialNumber());
        assertThat(verified.issuer().certificate()).isEqualTo(ca.certificate());
        assertThat(verified.certificate()).isEqualTo(certificate);
        assertThat(verified.subjectDn()).contains("CN=SIM");
        assertThat(verified.notAfter()).isEqualTo(SimPki.NOT_AFTER);
        assertThat(verified.verifiedAt()).isEqualTo(SimPki.NOW);
        assertThat(verified.revocationCheckedAt()).isEqualTo(SimPki.NOW);
        assertThat(verified.revocationDataAsOf()).isEqualTo(SimPki.NOW.minusSeconds(900));
        assertThat(verified.fourInformation().isPresent()).isEqualTo(type.isSignature());
        verified.fourInformation().ifPresent(info ->
                assertThat(info.birthDate()).contains(LocalDate.of(1990, 1, 2)));
    }

    @ParameterizedTest
    @EnumSource(value = CertificateType.class, names = {"SIGNATURE_CARD", "AUTH_PHONE"})
    void acceptsANextGenerationEcP384Signature(CertificateType simType) throws Exception {
        SimCa ca = simType.carriesFourInfo() ? SIGN_EC_2024 : AUTH_EC_2024;
        X509Certificate certificate = issue(ca, simType);
        JpkiCertificateType type = JpkiCertificateType.valueOf(simType.name());

        VerifiedCertificate verified = await(verifier().verify(
                request(certificate, SUBJECT_EC, ExpectedType.anyDevice(type.purpose()))));

        assertThat(verified.type()).isEqualTo(type);
        assertThat(verified.issuer().certificate()).isEqualTo(ca.certificate());
        assertThat(verified.certificate().getPublicKey().getAlgorithm()).startsWith("EC");
    }

    @Test
    void choosesTheRootGenerationByKeyAlthoughAllShareOneDn() throws Exception {
        assertThat(SIGN_2026.certificate().getSubjectX500Principal())
                .isEqualTo(SIGN_2023.certificate().getSubjectX500Principal());
        X509Certificate older = issue(SIGN_2023, CertificateType.SIGNATURE_CARD);
        X509Certificate newer = issue(SIGN_2026, CertificateType.SIGNATURE_CARD, SUBJECT_RSA,
                SimPki.NOW.minusSeconds(86_400), SimPki.NOT_AFTER);
        ExpectedType signature = ExpectedType.of(Purpose.SIGNATURE, Device.CARD);

        OfflineVerification first = verifier().verifyOffline(request(older, SUBJECT_RSA, signature));
        OfflineVerification second = verifier().verifyOffline(request(newer, SUBJECT_RSA, signature));

        assertThat(first.issuer().certificate()).isEqualTo(SIGN_2023.certificate());
        assertThat(second.issuer().certificate()).isEqualTo(SIGN_2026.certificate());
        assertThat(first.issuer().id()).isNotEqualTo(second.issuer().id());
    }

    @Test
    void offlineVerificationNeedsNoRevocationChecker() throws Exception {
        X509Certificate certificate = issue(AUTH_2023, CertificateType.AUTH_CARD);
        JpkiVerifier verifier = verifier(query -> {
            throw new AssertionError("offline verification must not ask for revocation");
        });

        OfflineVerification offline = verifier.verifyOffline(
                request(certificate, SUBJECT_RSA, ExpectedType.anyDevice(Purpose.AUTHENTICATION)));

        assertThat(offline.type()).isEqualTo(JpkiCertificateType.AUTH_CARD);
        assertThat(offline.fourInformation()).isEmpty();
    }

    @Test
    void phonePolicyOidsComeFromConfiguration() throws Exception {
        X509Certificate phone = issue(AUTH_2023, CertificateType.AUTH_PHONE);
        PolicyOids moved = PolicyOids.defaults().with(JpkiCertificateType.AUTH_PHONE, "1.2.392.200149.8.5.1.3.99");
        JpkiVerifier verifier = new JpkiVerifier(SimPki.ANCHORS, SimPki.GOOD, SimPki.CLOCK,
                JpkiVerifierOptions.defaults().withPolicies(moved));

        JpkiError error = JpkiVerifierFailureTest.offlineFailure(verifier,
                request(phone, SUBJECT_RSA, ExpectedType.anyDevice(Purpose.AUTHENTICATION)));

        assertThat(error).isEqualTo(JpkiError.POLICY_MISMATCH);
    }

    @Test
    void everyErrorHasASnakeCaseCodeAndADescription() {
        for (JpkiError error : JpkiError.values()) {
            assertThat(error.code()).matches("[a-z]+(_[a-z]+)*").isEqualTo(error.name().toLowerCase());
            assertThat(error.description()).isNotBlank().endsWith(".");
            assertThat(JpkiError.fromCode(error.code())).isEqualTo(error);
        }
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
