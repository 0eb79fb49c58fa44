package jp.jpkigate.perf.dpop;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.idp.dpop.DpopException;
import jp.jpkigate.idp.dpop.DpopOptions;
import jp.jpkigate.idp.dpop.DpopProofVerifier;
import jp.jpkigate.idp.dpop.DpopRequest;
import jp.jpkigate.idp.dpop.JwkThumbprint;
import jp.jpkigate.idp.dpop.TargetUri;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.SigningKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures the server-side check of one DPoP proof (RFC 9449 §4.3) with {@link DpopProofVerifier#check},
 * single-threaded, average time per operation in microseconds — everything the token endpoint and
 * userinfo do on the event loop for a proof: parse of the compact JWS, the raw-header private-member
 * check, {@code typ}/{@code alg}/{@code jwk} checks, the ES256 signature with BouncyCastle (Nimbus
 * {@code ECDSAVerifier} in a BC JCA context, as {@code JwsAlgorithms.verifier} builds it), the
 * claims, {@code htu} normalisation, the HMAC server nonce, {@code iat}, and the RFC 7638
 * thumbprint:
 * <ul>
 * <li>{@code tokenEndpointProof}: a proof of a token request (no {@code ath}) with a key the OP has not
 *     seen before, as at a login's token request (a relying party makes a DPoP key per login): the
 *     proofs rotate over {@value #FRESH_KEYS} keys, more than {@code JwsAlgorithms} keeps verifiers for,
 *     so every verification builds its key's precomputation;</li>
 * <li>{@code resourceProof}: a userinfo proof, plus {@code ath} (SHA-256 of a 600-character access
 *     token), with the key of the token request before it (its verifier kept).</li>
 * </ul>
 * Not measured: the replay cache ({@code SET NX PX} in Redis, a network round trip that does not
 * use the event loop's CPU while it waits).
 *
 * <p>Setup, once per trial: a fixed clock, nonces required, ES256 client keys, every proof signed once
 * (the check does not consume them: only the replay cache would).
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -ntp -pl perf -am package -DskipTests
 * java -jar perf/target/benchmarks.jar DpopProofBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class DpopProofBenchmark {
    private static final String TOKEN_URL = "https://id.example.jp/token";
    private static final String USERINFO_URL = "https://id.example.jp/userinfo";

    private DpopProofVerifier verifier;
    /** Keys the token endpoint proofs rotate over: more than the verifiers {@code JwsAlgorithms} keeps (4,096). */
    static final int FRESH_KEYS = 5000;

    private DpopRequest[] tokenRequests;
    private int next;
    private DpopRequest userinfoRequest;
    private Optional<String> accessToken;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T03:00:00Z"), ZoneOffset.UTC);
        byte[] nonceKey = new byte[32];
        random.nextBytes(nonceKey);
        verifier = new DpopProofVerifier(DpopOptions.defaults(nonceKey), (namespace, value, ttl) -> Future.succeededFuture(true),
                clock);
        String nonce = verifier.freshNonce().orElseThrow();
        accessToken = Optional.of("eyJ0eXAiOiJhdCtqd3QifQ." + "A".repeat(520) + ".sig"); // its hash is what costs
        tokenRequests = new DpopRequest[FRESH_KEYS];
        for (int i = 0; i < FRESH_KEYS; i++) {
            tokenRequests[i] = new DpopRequest(List.of(proof(SigningKeys.generateKey(JWSAlgorithm.ES256), "POST", TOKEN_URL,
                    nonce, null, clock)), "POST", TargetUri.of(TOKEN_URL));
        }
        JWK key = SigningKeys.generateKey(JWSAlgorithm.ES256);
        userinfoRequest = new DpopRequest(List.of(proof(key, "GET", USERINFO_URL, nonce, accessToken.get(), clock)),
                "GET", TargetUri.of(USERINFO_URL));
        // Both benchmarks must exercise the success path: fail the trial otherwise.
        JwkThumbprint expected = JwkThumbprint.of(key.toPublicJWK());
        if (!verifier.check(tokenRequests[0], Optional.empty()).jkt().equals(expected(tokenRequests[0]))
                || !resourceProof().jkt().equals(expected)) {
            throw new IllegalStateException("the proof was not accepted");
        }
    }

    private static String proof(JWK key, String htm, String htu, String nonce, String accessToken, Clock clock) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", htm)
                .claim("htu", htu).issueTime(Date.from(clock.instant())).claim("nonce", nonce);
        if (accessToken != null) {
            claims.claim("ath", DpopProofVerifier.accessTokenHash(accessToken));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(), claims.build());
        jwt.sign(JwsAlgorithms.signer(key, JWSAlgorithm.ES256));
        return jwt.serialize();
    }

    private static JwkThumbprint expected(DpopRequest request) throws Exception {
        return JwkThumbprint.of(SignedJWT.parse(request.proofs().get(0)).getHeader().getJWK());
    }

    /** A token request's proof with a key not seen for {@value #FRESH_KEYS} proofs: every check but the replay cache. */
    @Benchmark
    public DpopProofVerifier.CheckedProof tokenEndpointProof() throws DpopException {
        DpopRequest request = tokenRequests[next];
        next = (next + 1) % FRESH_KEYS;
        return verifier.check(request, Optional.empty());
    }

    /** A userinfo proof: the same plus {@code ath}. */
    @Benchmark
    public DpopProofVerifier.CheckedProof resourceProof() throws DpopException {
        return verifier.check(userinfoRequest, accessToken);
    }
}
