package jp.jpkigate.idp.jpki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.CertificateIssuer;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.IssueRequest;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;

/**
 * Shared simulator fixtures: RSA key generation is slow, so every test class in the JVM reuses
 * these CAs and subject keys (four RSA keys in all; EC keys are cheap).
 */
final class SimPki {
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2030-12-31T14:59:59Z");
    static final byte[] SIGNED_BYTES = "jpki-gate login transaction 7f3a: challenge 0123456789abcdef".getBytes();
    static final Municipality SHINJUKU = new Municipality("Tokyo", "Shinjuku-ku");
    /** 髙 is outside JIS X 0208, so the name carries a substitute character and a map digit 1. */
    static final FourInfo FOUR_INFO = FourInfo.of("髙橋", "花子", LocalDate.of(1990, 1, 2), FourInfo.Gender.FEMALE,
            "東京都新宿区西新宿二丁目８番１号");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    static final SimCa SIGN_2023 = SimCa.create(CaKind.SIGNATURE, 2023, KeyAlgorithm.RSA_2048, RANDOM);
    /** A second generation with the same DN as {@link #SIGN_2023}. */
    static final SimCa SIGN_2026 = SimCa.create(CaKind.SIGNATURE, 2026, KeyAlgorithm.RSA_2048, RANDOM);
    static final SimCa AUTH_2023 = SimCa.create(CaKind.AUTHENTICATION, 2023, KeyAlgorithm.RSA_2048, RANDOM);
    /** A next-generation (ECDSA P-384) signature hierarchy. */
    static final SimCa SIGN_EC_2024 = SimCa.create(CaKind.SIGNATURE, 2024, KeyAlgorithm.EC_P384, RANDOM);
    static final SimCa AUTH_EC_2024 = SimCa.create(CaKind.AUTHENTICATION, 2024, KeyAlgorithm.EC_P384, RANDOM);
    /** A generation whose root expired in 2019 (still configured as an anchor). */
    static final SimCa SIGN_2010 = SimCa.create(CaKind.SIGNATURE, 2010, KeyAlgorithm.EC_P384, RANDOM);
    /** A generation whose root starts in 2027 (already configured). */
    static final SimCa SIGN_2027 = SimCa.create(CaKind.SIGNATURE, 2027, KeyAlgorithm.EC_P384, RANDOM);
    /** Not configured anywhere, but with exactly the DN of the real (simulated) signature roots. */
    static final SimCa ROGUE_SIGN = SimCa.create(CaKind.SIGNATURE, 2023, KeyAlgorithm.EC_P384, RANDOM);

    static final KeyPair SUBJECT_RSA = KeyAlgorithm.RSA_2048.generateKeyPair(RANDOM);
    static final KeyPair SUBJECT_EC = KeyAlgorithm.EC_P384.generateKeyPair(RANDOM);

    static final TrustAnchors ANCHORS = TrustAnchors.of("sim", List.of(SIGN_2023.certificate(),
            SIGN_2026.certificate(), AUTH_2023.certificate(), SIGN_EC_2024.certificate(), AUTH_EC_2024.certificate(),
            SIGN_2010.certificate(), SIGN_2027.certificate()));

    static final RevocationChecker GOOD = query -> CompletableFuture.completedFuture(
            RevocationStatus.good(NOW.minusSeconds(900)));

    private SimPki() {
    }

    static JpkiVerifier verifier(RevocationChecker revocation) {
        return new JpkiVerifier(ANCHORS, revocation, CLOCK, JpkiVerifierOptions.defaults());
    }

    static JpkiVerifier verifier() {
        return verifier(GOOD);
    }

    static KeyPair subjectKeyFor(SimCa ca) {
        return ca.algorithm() == KeyAlgorithm.RSA_2048 ? SUBJECT_RSA : SUBJECT_EC;
    }

    static X509Certificate issue(SimCa ca, CertificateType type) {
        return issue(ca, type, subjectKeyFor(ca), NOT_BEFORE, NOT_AFTER);
    }

    static X509Certificate issue(SimCa ca, CertificateType type, KeyPair subject, Instant notBefore, Instant notAfter) {
        return CertificateIssuer.issue(new IssueRequest(ca, type, subject.getPublic(),
                BigInteger.valueOf(SERIALS.incrementAndGet()), "SIM" + SERIALS.get(), SHINJUKU,
                type.carriesFourInfo() ? FOUR_INFO : null, notBefore, notAfter));
    }

    /** What the card does: PKCS#1 v1.5 over the SHA-256 DigestInfo (RSA) or DER ECDSA over SHA-384 (P-384). */
    static byte[] cardSign(KeyPair key, byte[] data) {
        try {
            Signature signer = Signature.getInstance(
                    key.getPrivate().getAlgorithm().startsWith("EC") ? "SHA384withECDSA" : "SHA256withRSA",
                    CryptoProvider.BC);
            signer.initSign(key.getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static VerificationRequest request(X509Certificate certificate, KeyPair key, ExpectedType expected) {
        return new VerificationRequest(der(certificate), cardSign(key, SIGNED_BYTES), SIGNED_BYTES, expected);
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
