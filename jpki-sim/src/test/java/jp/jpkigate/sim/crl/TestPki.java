package jp.jpkigate.sim.crl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

/** Shared test PKI: CA generations (created once per JVM), subscriber certificates, openssl. */
public final class TestPki {
    public static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final Municipality SHINJUKU = new Municipality("Tokyo", "Shinjuku-ku");
    public static final Municipality NAHA = new Municipality("Okinawa", "Naha-shi");
    private static final SecureRandom RANDOM = new SecureRandom(new byte[] {42});
    /** Signature CA, current generation (RSA). */
    public static final SimCa SIGN_2026 = SimCa.create(CaKind.SIGNATURE, 2026, KeyAlgorithm.RSA_2048, RANDOM);
    /** Signature CA, previous generation: same DN, other key. */
    public static final SimCa SIGN_2025 = SimCa.create(CaKind.SIGNATURE, 2025, KeyAlgorithm.RSA_2048, RANDOM);
    /** User-authentication CA, next-generation algorithm. */
    public static final SimCa AUTH_2026_EC = SimCa.create(CaKind.AUTHENTICATION, 2026, KeyAlgorithm.EC_P384, RANDOM);
    private static final KeyPair SUBSCRIBER = KeyAlgorithm.RSA_2048.generateKeyPair(RANDOM);

    private TestPki() {
    }

    /** A card certificate of {@code ca} (signature or authentication by the CA's kind). */
    public static X509Certificate issue(SimCa ca, long serial, Municipality municipality) {
        boolean signature = ca.kind() == CaKind.SIGNATURE;
        FourInfo info = signature
                ? FourInfo.of("山田", "花子", LocalDate.of(1990, 4, 1), FourInfo.Gender.FEMALE, "東京都新宿区西新宿二丁目8番1号")
                : null;
        CertificateType type = CertificateType.of(ca.kind(), CertificateType.Device.CARD);
        return CertificateIssuer.issue(new IssueRequest(ca, type, SUBSCRIBER.getPublic(), BigInteger.valueOf(serial),
                "SUBJ" + serial, municipality, info, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(1000))));
    }

    public static Path writePem(Path dir, String name, X509Certificate certificate) {
        try {
            return Files.writeString(dir.resolve(name), Pem.write(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs /usr/bin/openssl (blocking: never on an event loop) and returns stdout and stderr together. */
    public static String openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
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
}
