package jp.jpkigate.idp.jpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.idp.jpki.JpkiCertificateType.Purpose;
import jp.jpkigate.sim.ca.CertificateType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * Hostile input never lets anything but a typed {@link JpkiVerificationException} escape: random
 * bytes, truncations, bit flips and byte mutations of a valid certificate, and of a valid
 * subjectAltName (both to the parser and inside a certificate re-signed by a trusted CA, so the
 * mutation reaches the 4-information step).
 */
class JpkiVerifierFuzzProperties {
    private static final X509Certificate VALID = SimPki.issue(SimPki.SIGN_EC_2024, CertificateType.SIGNATURE_CARD);
    private static final byte[] VALID_DER = SimPki.der(VALID);
    private static final byte[] VALID_SAN = ASN1OctetString.getInstance(VALID.getExtensionValue("2.5.29.17")).getOctets();
    private static final byte[] SIGNATURE = SimPki.cardSign(SimPki.SUBJECT_EC, SimPki.SIGNED_BYTES);
    private static final JpkiVerifier VERIFIER = SimPki.verifier();

    @Property(tries = 300)
    void arbitraryBytes(@ForAll @Size(max = 2048) byte[] certificate) {
        assertOnlyTypedFailure(certificate);
    }

    @Property(tries = 300)
    void truncations(@ForAll("validLengths") int length) {
        assertOnlyTypedFailure(java.util.Arrays.copyOf(VALID_DER, length));
    }

    @Property(tries = 500)
    void bitFlips(@ForAll("certificateMutations") Mutation mutation) {
        assertOnlyTypedFailure(mutation.applyTo(VALID_DER));
    }

    @Property(tries = 300)
    void subjectAltNameMutationsReachTheParser(@ForAll("sanMutations") Mutation mutation) {
        try {
            FourInformation info = FourInformationParser.fromSubjectAltName(mutation.applyTo(VALID_SAN));
            assertThat(info.name()).isNotNull();
        } catch (JpkiVerificationException e) {
            assertThat(e.error()).isEqualTo(JpkiError.MALFORMED_CERTIFICATE);
        }
    }

    @Property(tries = 150)
    void subjectAltNameMutationsInsideTrustedCertificates(@ForAll("sanMutations") Mutation mutation) {
        X509Certificate crafted = CraftedCertificates.craft(SimPki.SIGN_EC_2024,
                CraftedCertificates.Spec.signatureCard(SimPki.SUBJECT_EC.getPublic())
                        .withSubjectAltName(mutation.applyTo(VALID_SAN)));
        assertOnlyTypedFailure(SimPki.der(crafted));
    }

    @Property(tries = 200)
    void arbitrarySubjectAltNames(@ForAll @Size(max = 512) byte[] generalNames) {
        try {
            FourInformationParser.fromSubjectAltName(generalNames);
        } catch (JpkiVerificationException e) {
            assertThat(e.error()).isEqualTo(JpkiError.MALFORMED_CERTIFICATE);
        }
    }

    /** Flip one bit, or overwrite one byte, at a position. */
    record Mutation(int position, int bit, boolean overwrite, byte value) {
        byte[] applyTo(byte[] original) {
            byte[] copy = original.clone();
            int at = position % copy.length;
            copy[at] = overwrite ? value : (byte) (copy[at] ^ (1 << bit));
            return copy;
        }
    }

    @Provide
    Arbitrary<Integer> validLengths() {
        return Arbitraries.integers().between(0, VALID_DER.length - 1);
    }

    @Provide
    Arbitrary<Mutation> certificateMutations() {
        return mutations(VALID_DER.length);
    }

    @Provide
    Arbitrary<Mutation> sanMutations() {
        return mutations(VALID_SAN.length);
    }

    private static Arbitrary<Mutation> mutations(int length) {
        return Combinators.combine(Arbitraries.integers().between(0, length - 1), Arbitraries.integers().between(0, 7),
                Arbitraries.of(true, false), Arbitraries.bytes()).as(Mutation::new);
    }

    /** Through both entry points: the synchronous offline check and the asynchronous full verification. */
    private static void assertOnlyTypedFailure(byte[] certificate) {
        VerificationRequest request = new VerificationRequest(certificate, SIGNATURE, SimPki.SIGNED_BYTES,
                ExpectedType.anyDevice(Purpose.SIGNATURE));
        try {
            VERIFIER.verifyOffline(request);
        } catch (JpkiVerificationException e) {
            assertThat(e.error()).isNotNull();
        }
        CompletableFuture<VerifiedCertificate> result = VERIFIER.verify(request).toCompletableFuture();
        Throwable failure = result.handle((ok, e) -> e).orTimeout(10, TimeUnit.SECONDS).join();
        if (failure != null) {
            assertThat(JpkiVerificationException.unwrap(failure)).as("typed failure, got %s", failure).isPresent();
        }
    }
}
