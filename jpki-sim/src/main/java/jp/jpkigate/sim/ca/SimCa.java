package jp.jpkigate.sim.ca;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One generation of a simulated J-LIS root CA. All generations of a hierarchy share one DN (as the
 * real 2015 / 2019 / 2023 roots do), so a verifier must pick the root by key, never by name.
 *
 * @param id          {@code <kind>-<generation>}, e.g. {@code sign-2026}
 * @param kind        the hierarchy
 * @param generation  the year the generation starts
 * @param algorithm   the algorithm of the CA key and of what it signs
 * @param keyPair     the CA key (the simulator's secret)
 * @param certificate the self-signed root certificate
 */
public record SimCa(String id, CaKind kind, int generation, KeyAlgorithm algorithm, KeyPair keyPair,
                    X509Certificate certificate) {
    public SimCa {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(certificate, "certificate");
    }

    public static String id(CaKind kind, int generation) {
        return kind.shortName() + "-" + generation;
    }

    /** A new generation: valid ten years from 1 January of {@code generation} (JST), ending at 14:59:59Z. */
    public static SimCa create(CaKind kind, int generation, KeyAlgorithm algorithm, java.security.SecureRandom random) {
        KeyPair keys = algorithm.generateKeyPair(random);
        Instant notBefore = Validity.startOfDayJst(LocalDate.of(generation, 1, 1));
        Instant notAfter = Validity.endOfDayJst(LocalDate.of(generation + 10, 1, 1).minusDays(1));
        BigInteger serial = BigInteger.valueOf(generation).shiftLeft(16).or(BigInteger.valueOf(kind.ordinal() + 1));
        X509Certificate root = CertificateIssuer.selfSignedRoot(kind, algorithm, keys, serial, notBefore, notAfter);
        return new SimCa(id(kind, generation), kind, generation, algorithm, keys, root);
    }

    public boolean validAt(Instant instant) {
        return !instant.isBefore(certificate.getNotBefore().toInstant()) && !instant.isAfter(certificate.getNotAfter().toInstant());
    }
}
