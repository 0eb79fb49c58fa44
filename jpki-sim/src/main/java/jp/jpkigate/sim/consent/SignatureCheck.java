package jp.jpkigate.sim.consent;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Providers;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.CertRecord;
import jp.jpkigate.sim.registry.CertStatus;
import jp.jpkigate.sim.registry.NotFoundException;
import jp.jpkigate.sim.registry.SimRegistry;

/**
 * J-LIS's checks of a signed consent or withdrawal: the certificate is one it issued (found by the
 * CA generation whose key signed it, as all generations share one DN, then by serial, then by
 * content), it is a signature certificate, the signature verifies, and the certificate is in force.
 */
final class SignatureCheck {
    private SignatureCheck() {
    }

    /** The registry's record of the signing certificate; refuses unknown and authentication certificates. */
    static CertRecord signer(SimRegistry registry, X509Certificate certificate) {
        CertRecord record = issuer(registry, certificate)
                .map(ca -> new CertId(ca.id(), certificate.getSerialNumber()))
                .flatMap(id -> issued(registry, id, certificate))
                .orElseThrow(() -> Refusal.UNKNOWN_CERTIFICATE.refuse("the simulated J-LIS did not issue this certificate"));
        if (record.type().kind() != CaKind.SIGNATURE) {
            throw Refusal.NOT_SIGNATURE_CERTIFICATE.refuse("a " + record.type()
                    + " certificate cannot sign: a signature certificate (card or phone) is needed");
        }
        return record;
    }

    /** The signature over the statement verifies with the certificate's key. */
    static void verify(SignedStatement signed) {
        boolean rsa = "RSA".equals(signed.certificate().getPublicKey().getAlgorithm());
        KeyAlgorithm algorithm = rsa ? KeyAlgorithm.RSA_2048 : KeyAlgorithm.EC_P384;
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm(), Providers.BC);
            verifier.initVerify(signed.certificate().getPublicKey());
            verifier.update(signed.statement());
            valid = verifier.verify(signed.signature());
        } catch (GeneralSecurityException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw Refusal.BAD_SIGNATURE.refuse("the signature does not verify over the statement with the certificate's key ("
                    + algorithm.signatureAlgorithm() + ")");
        }
    }

    /** The certificate is neither revoked, nor on hold, nor expired at {@code now}. */
    static void requireInForce(SimRegistry registry, CertRecord record, Instant now) {
        CertStatus status = registry.status(record.id());
        if (!status.good()) {
            throw Refusal.CERTIFICATE_REVOKED.refuse("the signature certificate is " + status);
        }
        if (now.isAfter(record.notAfter())) {
            throw Refusal.CERTIFICATE_EXPIRED.refuse("the signature certificate expired at " + record.notAfter());
        }
    }

    private static Optional<SimCa> issuer(SimRegistry registry, X509Certificate certificate) {
        return registry.cas().all().stream()
                .filter(ca -> ca.certificate().getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .filter(ca -> signedBy(certificate, ca))
                .findFirst();
    }

    private static boolean signedBy(X509Certificate certificate, SimCa ca) {
        try {
            certificate.verify(ca.certificate().getPublicKey(), Providers.BC);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<CertRecord> issued(SimRegistry registry, CertId id, X509Certificate certificate) {
        try {
            CertRecord record = registry.certificate(id);
            return registry.store().certificate(id)
                    .filter(archived -> sameEncoding(archived, certificate))
                    .map(archived -> record);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static boolean sameEncoding(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
