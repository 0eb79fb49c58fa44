package jp.jpkigate.idp.jpki;

import static jp.jpkigate.idp.jpki.SimPki.AUTH_2023;
import static jp.jpkigate.idp.jpki.SimPki.NOT_AFTER;
import static jp.jpkigate.idp.jpki.SimPki.NOT_BEFORE;
import static jp.jpkigate.idp.jpki.SimPki.NOW;
import static jp.jpkigate.idp.jpki.SimPki.SIGNED_BYTES;
import static jp.jpkigate.idp.jpki.SimPki.SIGN_2023;
import static jp.jpkigate.idp.jpki.SimPki.SUBJECT_EC;
import static jp.jpkigate.idp.jpki.SimPki.SUBJECT_RSA;
import static jp.jpkigate.idp.jpki.SimPki.cardSign;
import static jp.jpkigate.idp.jpki.SimPki.der;
import static jp.jpkigate.idp.jpki.SimPki.issue;
import static jp.jpkigate.idp.jpki.SimPki.request;
import static jp.jpkigate.idp.jpki.SimPki.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.idp.jpki.CraftedCertificates.Spec;
import jp.jpkigate.idp.jpki.JpkiCertificateType.Device;
import jp.jpkigate.idp.jpki.JpkiCertificateType.Purpose;
import jp.jpkigate.sim.ca.CertificateType;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import jp.jpkigate.revocation.index.CrlReason;

/** Each typed failure, produced by a crafted case. */
class JpkiVerifierFailureTest {
    private static final ExpectedType SIGNATURE_CARD = ExpectedType.of(Purpose.SIGNATURE, Device.CARD);

    @Test
    void garbageIsMalformed() {
        byte[] garbage = "this is not a certificate".getBytes();
        VerificationRequest request = new VerificationRequest(garbage, new byte[256], SIGNED_BYTES, SIGNATURE_CARD);
        assertThat(asyncFailure(verifier().verify(request))).isEqualTo(JpkiError.MALFORMED_CERTIFICATE);
        assertThat(offlineFailure(verifier(), new VerificationRequest(new byte[0], new byte[0], SIGNED_BYTES,
                SIGNATURE_CARD))).isEqualTo(JpkiError.MALFORMED_CERTIFICATE);
    }

    @Test
    void aCertificateFromAnUnknownCaWithTheSameDnIsUntrusted() {
        X509Certificate rogue = issue(SimPki.ROGUE_SIGN, CertificateType.SIGNATURE_CARD, SUBJECT_RSA, NOT_BEFORE, NOT_AFTER);
        assertThat(rogue.getIssuerX500Principal()).isEqualTo(SIGN_2023.certificate().getSubjectX500Principal());
        assertThat(offlineFailure(verifier(), request(rogue, SUBJECT_RSA, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.UNTRUSTED_ISSUER);
    }

    @Test
    void aForgedAuthorityKeyIdentifierDoesNotHelp() {
        // Same DN and an AKI naming the configured root's key, but signed by the rogue CA's key.
        SimCaWithBorrowedName forged = SimCaWithBorrowedName.of(SimPki.ROGUE_SIGN, SIGN_2023);
        X509Certificate certificate = forged.issueSignatureCard(SUBJECT_RSA.getPublic());
        assertThat(offlineFailure(verifier(), request(certificate, SUBJECT_RSA, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.UNTRUSTED_ISSUER);
    }

    @Test
    void expiredCertificate() {
        X509Certificate expired = issue(SIGN_2023, CertificateType.SIGNATURE_CARD, SUBJECT_RSA,
                Instant.parse("2020-06-01T00:00:00Z"), Instant.parse("2025-12-31T14:59:59Z"));
        assertThat(offlineFailure(verifier(), request(expired, SUBJECT_RSA, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.CERTIFICATE_EXPIRED);
    }

    @Test
    void notYetValidCertificate() {
        X509Certificate future = issue(SIGN_2023, CertificateType.SIGNATURE_CARD, SUBJECT_RSA,
                NOW.plusSeconds(1), NOT_AFTER);
        assertThat(offlineFailure(verifier(), request(future, SUBJECT_RSA, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.NOT_YET_VALID);
    }

    @Test
    void validityBoundsAreInclusive() throws Exception {
        X509Certificate lastSecond = issue(SIGN_2023, CertificateType.SIGNATURE_CARD, SUBJECT_RSA, NOT_BEFORE, NOW);
        assertThat(verifier().verifyOffline(request(lastSecond, SUBJECT_RSA, SIGNATURE_CARD)).notAfter()).isEqualTo(NOW);
    }

    @Test
    void theRootsValidityCountsToo() {
        X509Certificate underExpiredRoot = issue(SimPki.SIGN_2010, CertificateType.SIGNATURE_CARD);
        X509Certificate underFutureRoot = issue(SimPki.SIGN_2027, CertificateType.SIGNATURE_CARD);
        assertThat(offlineFailure(verifier(), request(underExpiredRoot, SUBJECT_EC, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.CERTIFICATE_EXPIRED);
        assertThat(offlineFailure(verifier(), request(underFutureRoot, SUBJECT_EC, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.NOT_YET_VALID);
    }

    @Test
    void anAuthCertificateWhereASignatureCertificateIsExpected() {
        X509Certificate auth = issue(AUTH_2023, CertificateType.AUTH_CARD);
        assertThat(offlineFailure(verifier(), request(auth, SUBJECT_RSA, ExpectedType.anyDevice(Purpose.SIGNATURE))))
                .isEqualTo(JpkiError.WRONG_CERTIFICATE_TYPE);
    }

    @Test
    void aSignatureCertificateWhereAnAuthCertificateIsExpected() {
        X509Certificate signature = issue(SIGN_2023, CertificateType.SIGNATURE_CARD);
        assertThat(offlineFailure(verifier(), request(signature, SUBJECT_RSA, ExpectedType.anyDevice(Purpose.AUTHENTICATION))))
                .isEqualTo(JpkiError.WRONG_CERTIFICATE_TYPE);
    }

    @Test
    void aPhoneCertificateWhereACardCertificateIsExpected() {
        X509Certificate phone = issue(SIGN_2023, CertificateType.SIGNATURE_PHONE);
        assertThat(offlineFailure(verifier(), request(phone, SUBJECT_RSA, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.WRONG_CERTIFICATE_TYPE);
    }

    @Test
    void anUnknownPolicyIsAPolicyMismatch() {
        X509Certificate unknown = CraftedCertificates.craft(SIGN_2023,
                Spec.signatureCard(SUBJECT_RSA.getPublic()).withPolicy("1.2.392.200149.8.5.1.9.99"));
        assertThat(offlineFailure(verifier(), request(unknown, SUBJECT_RSA, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.POLICY_MISMATCH);
    }

    @Test
    void anAuthenticationPolicyFromTheSignatureRootIsAPolicyMismatch() {
        X509Certificate crossed = CraftedCertificates.craft(SIGN_2023, Spec.signatureCard(SUBJECT_RSA.getPublic())
                .withPolicy(PolicyOids.defaults().oidOf(JpkiCertificateType.AUTH_CARD)));
        assertThat(offlineFailure(verifier(), request(crossed, SUBJECT_RSA,
                ExpectedType.exactly(JpkiCertificateType.AUTH_CARD)))).isEqualTo(JpkiError.POLICY_MISMATCH);
    }

    @Test
    void keyUsageMustBeCriticalAndFitTheType() {
        Spec base = Spec.signatureCard(SUBJECT_RSA.getPublic());
        X509Certificate notCritical = CraftedCertificates.craft(SIGN_2023,
                base.withKeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation, false));
        X509Certificate noNonRepudiation = CraftedCertificates.craft(SIGN_2023,
                base.withKeyUsage(KeyUsage.digitalSignature, true));
        assertThat(offlineFailure(verifier(), request(notCritical, SUBJECT_RSA, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.POLICY_MISMATCH);
        assertThat(offlineFailure(verifier(), request(noNonRepudiation, SUBJECT_RSA, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.POLICY_MISMATCH);
    }

    /**
     * The JDK decodes the card's RSA key (no Miller-Rabin test of BouncyCastle's on every login): a
     * CA-signed key whose modulus is even or has a small prime factor is still no card's.
     */
    @Test
    void anRsaModulusWithASmallFactorIsAPolicyMismatch() throws Exception {
        BigInteger modulus = ((RSAPublicKey) SUBJECT_RSA.getPublic()).getModulus();
        BigInteger third = modulus.divide(BigInteger.valueOf(3));
        BigInteger oddTimesThree = third.setBit(0).multiply(BigInteger.valueOf(3));
        for (BigInteger weak : List.of(oddTimesThree, modulus.clearBit(0))) {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(weak, RSAKeyGenParameterSpec.F4));
            X509Certificate crafted = CraftedCertificates.craft(SIGN_2023, Spec.signatureCard(key));
            assertThat(offlineFailure(verifier(), request(crafted, SUBJECT_RSA, SIGNATURE_CARD)))
                    .as("modulus %s", weak.toString(16)).isEqualTo(JpkiError.POLICY_MISMATCH);
        }
    }

    @Test
    void aSignatureCertificateWithoutThe4InformationIsMalformed() {
        X509Certificate bare = CraftedCertificates.craft(SIGN_2023, Spec.signatureCard(SUBJECT_RSA.getPublic()));
        assertThat(offlineFailure(verifier(), request(bare, SUBJECT_RSA, SIGNATURE_CARD)))
                .isEqualTo(JpkiError.MALFORMED_CERTIFICATE);
    }

    @Test
    void tamperedBytesDoNotVerify() {
        X509Certificate certificate = issue(SIGN_2023, CertificateType.SIGNATURE_CARD);
        byte[] signature = cardSign(SUBJECT_RSA, SIGNED_BYTES);
        byte[] tampered = SIGNED_BYTES.clone();
        tampered[3] ^= 0x01;
        assertThat(offlineFailure(verifier(), new VerificationRequest(der(certificate), signature, tampered,
                SIGNATURE_CARD))).isEqualTo(JpkiError.SIGNATURE_MISMATCH);
        assertThat(offlineFailure(verifier(), new VerificationRequest(der(certificate), new byte[0], SIGNED_BYTES,
                SIGNATURE_CARD))).isEqualTo(JpkiError.SIGNATURE_MISMATCH);
        // A signature by another key (an EC signature presented with an RSA certificate).
        assertThat(offlineFailure(verifier(), new VerificationRequest(der(certificate),
                cardSign(SUBJECT_EC, SIGNED_BYTES), SIGNED_BYTES, SIGNATURE_CARD))).isEqualTo(JpkiError.SIGNATURE_MISMATCH);
    }

    /** A held certificate (certificateHold) is refused like a revoked one. */
    @ParameterizedTest
    @EnumSource(value = CrlReason.class, names = {"AFFILIATION_CHANGED", "CERTIFICATE_HOLD"})
    void revokedOrHeldCertificate(CrlReason reason) {
        X509Certificate certificate = issue(SIGN_2023, CertificateType.SIGNATURE_CARD);
        RevocationChecker revoked = query -> CompletableFuture.completedFuture(
                RevocationStatus.revoked(reason, NOW.minusSeconds(3600)));
        JpkiVerificationException failure = asyncException(verifier(revoked).verify(
                request(certificate, SUBJECT_RSA, SIGNATURE_CARD)));
        assertThat(failure.error()).isEqualTo(JpkiError.CERTIFICATE_REVOKED);
        assertThat(failure.detail()).contains(reason.name());
    }

    @Test
    void revocationUnknownWhenTheCheckerFailsThrowsOrSaysUnknown() {
        VerificationRequest request = request(issue(AUTH_2023, CertificateType.AUTH_CARD), SUBJECT_RSA,
                ExpectedType.anyDevice(Purpose.AUTHENTICATION));
        RevocationChecker failing = query -> CompletableFuture.failedFuture(new IllegalStateException("redis down"));
        RevocationChecker throwing = query -> {
            throw new IllegalStateException("bug");
        };
        RevocationChecker unknown = query -> CompletableFuture.completedFuture(RevocationStatus.unknown("no CRL"));
        RevocationChecker nullStage = query -> null;
        for (RevocationChecker checker : new RevocationChecker[] {failing, throwing, unknown, nullStage}) {
            assertThat(asyncFailure(verifier(checker).verify(request))).isEqualTo(JpkiError.REVOCATION_UNKNOWN);
        }
    }

    @Test
    void revocationUnknownWhenTheCheckerNeverAnswersWithinTheTimeout() {
        CompletableFuture<RevocationStatus> never = new CompletableFuture<>();
        JpkiVerifier verifier = new JpkiVerifier(SimPki.ANCHORS, query -> never, SimPki.CLOCK,
                JpkiVerifierOptions.defaults().withRevocationTimeout(Duration.ofMillis(50)));
        VerificationRequest request = request(issue(AUTH_2023, CertificateType.AUTH_CARD), SUBJECT_RSA,
                ExpectedType.anyDevice(Purpose.AUTHENTICATION));

        JpkiVerificationException failure = asyncException(verifier.verify(request));

        assertThat(failure.error()).isEqualTo(JpkiError.REVOCATION_UNKNOWN);
        assertThat(failure.detail()).contains("did not answer within PT0.05S");
        assertThat(never).isNotDone();
    }

    static JpkiError offlineFailure(JpkiVerifier verifier, VerificationRequest request) {
        try {
            verifier.verifyOffline(request);
        } catch (JpkiVerificationException e) {
            assertThat(e.getMessage()).startsWith(e.error().code() + ": ");
            return e.error();
        }
        throw new AssertionError("verification unexpectedly succeeded");
    }

    static JpkiError asyncFailure(CompletionStage<?> stage) {
        return asyncException(stage).error();
    }

    static JpkiVerificationException asyncException(CompletionStage<?> stage) {
        ExecutionException thrown = (ExecutionException) org.assertj.core.api.Assertions.catchThrowable(
                () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(thrown).isNotNull();
        assertThat(thrown.getCause()).isInstanceOf(JpkiVerificationException.class);
        return JpkiVerificationException.unwrap(thrown).orElseThrow();
    }

    @Test
    void unwrapSeesThroughDependentStages() {
        CompletionStage<VerifiedCertificate> failed = verifier().verify(new VerificationRequest(new byte[] {0x30},
                new byte[0], SIGNED_BYTES, SIGNATURE_CARD));
        CompletionStage<String> dependent = failed.thenApply(v -> "never");
        assertThatThrownBy(() -> dependent.toCompletableFuture().join())
                .satisfies(e -> assertThat(JpkiVerificationException.unwrap(e).map(JpkiVerificationException::error))
                        .contains(JpkiError.MALFORMED_CERTIFICATE));
    }
}
