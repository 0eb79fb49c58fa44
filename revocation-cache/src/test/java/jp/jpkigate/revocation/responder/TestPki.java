package jp.jpkigate.revocation.responder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.CertificateIssuer;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.FourInfo;
import jp.jpkigate.sim.ca.IssueRequest;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.Pem;
import jp.jpkigate.sim.ca.SimCa;

/** CA generations and subscriber certificates from the simulator's issuing code (made once per JVM), and openssl. */
public final class TestPki {
    public static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    public static final Municipality SHINJUKU = new Municipality("Tokyo", "Shinjuku-ku");
    private static final SecureRandom RANDOM = new SecureRandom(new byte[] {7});
    /** Signature CA, current generation (RSA), covered by the cache. */
    public static final SimCa SIGN_2026 = SimCa.create(CaKind.SIGNATURE, 2026, KeyAlgorithm.RSA_2048, RANDOM);
    /** User-authentication CA, next-generation algorithm (EC P-384), covered by the cache. */
    public static final SimCa AUTH_2026_EC = SimCa.create(CaKind.AUTHENTICATION, 2026, KeyAlgorithm.EC_P384, RANDOM);
    /** Signature CA, previous generation: the same DN as SIGN_2026, another key, not covered. */
    public static final SimCa SIGN_2025 = SimCa.create(CaKind.SIGNATURE, 2025, KeyAlgorithm.EC_P384, RANDOM);
    private static final KeyPair SUBJECT = subjectKey();

    private TestPki() {
    }

    /** A card certificate of {@code ca} with {@code serial}, valid around {@link #NOW}. */
    public static X509Certificate issue(SimCa ca, long serial) {
        boolean signature = ca.kind() == CaKind.SIGNATURE;
        FourInfo info = signature
                ? FourInfo.of("山田", "花子", LocalDate.of(1990, 4, 1), FourInfo.Gender.FEMALE, "東京都新宿区西新宿二丁目8番1号")
                : null;
        CertificateType type = signature ? CertificateType.SIGNATURE_CARD : CertificateType.AUTH_CARD;
        return CertificateIssuer.issue(new IssueRequest(ca, type, SUBJECT.getPublic(), BigInteger.valueOf(serial),
                "S" + serial, SHINJUKU, info, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(1800))));
    }

    public static Path writePem(Path dir, String name, X509Certificate certificate) {
        return writeString(dir.resolve(name), Pem.write(certificate));
    }

    public static Path writeString(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs /usr/bin/openssl (blocking: never on an event loop) and returns stdout and stderr together. */
    public static String openssl(List<String> args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = process.getInputStream()) {
                in.transferTo(out);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl timed out: " + command);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair subjectKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
