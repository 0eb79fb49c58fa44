package jp.jpkigate.perf.revocation;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.revocation.cache.RevocationCache;
import jp.jpkigate.revocation.crl.CrlMetadata;
import jp.jpkigate.revocation.crl.CrlSnapshot;
import jp.jpkigate.revocation.index.CrlReason;
import jp.jpkigate.revocation.index.RevokedSerialIndex;
import jp.jpkigate.revocation.index.RevokedSerialIndexBuilder;
import jp.jpkigate.revocation.ocsp.OcspClient;
import jp.jpkigate.revocation.service.DefaultRevocationService;
import jp.jpkigate.revocation.service.RevocationMetrics;
import jp.jpkigate.revocation.service.RevocationServiceOptions;
import jp.jpkigate.revocation.web.CheckRequest;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.CertificateIssuer;
import jp.jpkigate.sim.ca.CertificateType;
import jp.jpkigate.sim.ca.IssueRequest;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures the CPU work of {@code POST /revocation/v1/check} behind the HTTP stack: average time to
 * parse and validate a body ({@link CheckRequest#parse}: JSON, base64, the DER walk of every
 * certificate, hex of every serial), answer every item from the in-memory index through
 * {@link DefaultRevocationService#checkNow} and write the JSON response
 * ({@link CheckRequest#respondInPlace}); {@code parseOnly} is the first step alone. Divide by the
 * number of items for the cost per certificate or pair.
 *
 * <p>Data: one simulated auth CA (RSA-2048) with a fresh CRL of 10,000 revoked serials (every tenth
 * issued certificate among them); bodies:
 * <ul>
 * <li>{@code single}: {@code {"certificate": ...}};</li>
 * <li>{@code batch100}: 100 distinct certificates (distinct keys cost nothing here: one subject key);</li>
 * <li>{@code batch100same}: one certificate 100 times (what a wrk script with one PEM sends);</li>
 * <li>{@code batch1000}: the 100 certificates ten times over (the API's largest batch);</li>
 * <li>{@code serials1000}: 1,000 issuer + serial pairs, random 40-bit serials.</li>
 * </ul>
 *
 * <p>Run (setup signs about 100 certificates, a few seconds):
 * <pre>
 * mvn -B -q -ntp -pl revocation-cache,perf -am verify -DskipTests
 * java -jar perf/target/benchmarks.jar CheckPathBenchmark -f 1 -wi 3 -i 5
 * java -jar perf/target/benchmarks.jar CheckPathBenchmark.check -p body=batch100 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class CheckPathBenchmark {
    private static final String SOURCE = "auth-2026";

    @Param({"single", "batch100", "batch100same", "batch1000", "serials1000"})
    public String body;

    /** The endpoint reads its injected clock once per request; so does the benchmark. */
    private final Clock clock = Clock.systemUTC();
    private Vertx vertx;
    private DefaultRevocationService service;
    private Buffer request;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom(new byte[] {42});
        SimCa ca = SimCa.create(CaKind.AUTHENTICATION, 2026, KeyAlgorithm.RSA_2048, random);
        KeyPair subject = KeyAlgorithm.RSA_2048.generateKeyPair(random);
        Instant now = clock.instant();
        X509Certificate[] certificates = new X509Certificate[100];
        for (int i = 0; i < certificates.length; i++) {
            certificates[i] = CertificateIssuer.issue(new IssueRequest(ca, CertificateType.AUTH_CARD, subject.getPublic(),
                    BigInteger.valueOf(10_000_000L + i), "S" + i, new Municipality("Tokyo", "Shinjuku-ku"), null,
                    now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(1800))));
        }

        RevokedSerialIndexBuilder revoked = RevokedSerialIndex.builder();
        long day = LocalDate.now().toEpochDay() - 1;
        for (long serial = 10_000_000L; serial < 10_100_000L; serial += 10) {
            revoked.add(serial, CrlReason.KEY_COMPROMISE.code(), day);
        }
        RevokedSerialIndex index = revoked.build();
        byte[] keyId = CertificateIssuer.keyIdentifier(ca.certificate().getPublicKey());
        CrlMetadata metadata = new CrlMetadata(ca.certificate().getSubjectX500Principal().getEncoded(), keyId,
                BigInteger.ONE, BigInteger.ONE, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), null,
                index.size());
        RevocationCache cache = new RevocationCache();
        cache.register(ca.certificate(), SOURCE, SOURCE, Optional.empty());
        cache.install(SOURCE, new CrlSnapshot(index, metadata), 1);

        vertx = Vertx.vertx();
        RevocationServiceOptions options = RevocationServiceOptions.defaults();
        OcspClient ocsp = new OcspClient(WebClient.create(vertx), clock, random, options.ocspTimeout(),
                options.maxClockSkew());
        service = new DefaultRevocationService(vertx.getOrCreateContext(), cache, ocsp, clock, options,
                new RevocationMetrics());

        request = switch (body) {
            case "single" -> new JsonObject().put("certificate", base64(certificates[0])).toBuffer();
            case "batch100" -> {
                JsonArray array = new JsonArray();
                for (X509Certificate certificate : certificates) {
                    array.add(base64(certificate));
                }
                yield new JsonObject().put("certificates", array).toBuffer();
            }
            case "batch1000" -> {
                JsonArray array = new JsonArray();
                for (int i = 0; i < 1000; i++) {
                    array.add(base64(certificates[i % certificates.length]));
                }
                yield new JsonObject().put("certificates", array).toBuffer();
            }
            case "batch100same" -> {
                JsonArray array = new JsonArray();
                for (int i = 0; i < 100; i++) {
                    array.add(base64(certificates[0]));
                }
                yield new JsonObject().put("certificates", array).toBuffer();
            }
            case "serials1000" -> {
                String issuer = HexFormat.of().withUpperCase().formatHex(keyId);
                Random serials = new Random(1);
                JsonArray array = new JsonArray();
                for (int i = 0; i < 1000; i++) {
                    array.add(new JsonObject().put("issuer", issuer)
                            .put("serial", Long.toHexString(serials.nextLong() & 0xFF_FFFF_FFFFL)));
                }
                yield new JsonObject().put("serials", array).toBuffer();
            }
            default -> throw new IllegalArgumentException("unknown body " + body);
        };
        // Every item must be answered from the index (fresh data, no OCSP), as on the measured path.
        check();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        vertx.close();
    }

    /** Parse, check every item in place, write the response: what the endpoint does per request. */
    @Benchmark
    public Buffer check() {
        return CheckRequest.parse(request).respondInPlace(service, clock.instant());
    }

    /** Parsing and validating the body alone. */
    @Benchmark
    public CheckRequest parseOnly() {
        return CheckRequest.parse(request);
    }

    private static String base64(X509Certificate certificate) throws CertificateEncodingException {
        return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }
}
