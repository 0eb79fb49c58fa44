package jp.jpkigate.perf.login;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import jp.jpkigate.idp.client.ClientAssertionVerifier;
import jp.jpkigate.idp.jpki.ExpectedType;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.jpki.JpkiVerificationException;
import jp.jpkigate.idp.jpki.JpkiVerifier;
import jp.jpkigate.idp.jpki.JpkiVerifierOptions;
import jp.jpkigate.idp.jpki.OfflineVerification;
import jp.jpkigate.idp.jpki.RevocationStatus;
import jp.jpkigate.idp.jpki.TrustAnchors;
import jp.jpkigate.idp.jpki.VerificationRequest;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.login.LoginAcr;
import jp.jpkigate.idp.login.LoginSigningInput;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.store.GrantRevocations;
import jp.jpkigate.idp.token.AccessTokenVerifier;
import jp.jpkigate.idp.token.TokenGrant;
import jp.jpkigate.idp.token.TokenMinter;
import jp.jpkigate.idp.token.TokenOptions;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures the server-side cryptographic work of one JPKI Gate login, single-threaded, average time
 * per operation in microseconds:
 * <ul>
 * <li>{@code verifyCardSignature}: {@link JpkiVerifier#verifyOffline} of the card's login signature —
 *     strict DER parse of the card certificate, chain to the trust anchor (RSA-2048 signature of the
 *     certificate), validity, profile, then the card's {@code SHA256withRSA} signature over the
 *     {@link LoginSigningInput} bytes (BouncyCastle). Revocation is not asked: it is a cache lookup
 *     measured by {@code CheckPathBenchmark};</li>
 * <li>{@code mintAccessToken}: {@link TokenMinter#accessToken} (RFC 9068 JWT, ES256, BouncyCastle);</li>
 * <li>{@code mintIdToken}: {@link TokenMinter#idToken} (ES256, with {@code at_hash} and a nonce);</li>
 * <li>{@code verifyClientAssertion}: parse of a {@code private_key_jwt} client assertion (ES256,
 *     signed once in setup) and {@link ClientAssertionVerifier#verifySignature}, whose verifier for the
 *     client's key {@code JwsAlgorithms} keeps between requests, as at the token endpoint;</li>
 * <li>{@code verifyAccessToken}: {@link AccessTokenVerifier#verify} of an access token minted in setup
 *     (parse, ES256 signature with BouncyCastle, claims; the grant-revocation lookup answers at once),
 *     as userinfo, introspection and the business APIs do the first time they see a token: each call
 *     uses a new {@code AccessTokenVerifier} (it remembers the tokens it accepted); the OP key's JWS
 *     verifier is kept, as in the server;</li>
 * <li>{@code wholeLogin}: the four above in sequence — card signature, access token, ID token, one
 *     client assertion — i.e. the crypto of one login from card signature to token response.</li>
 * </ul>
 *
 * <p>Setup, once per trial: a simulated JPKI authentication CA (generation 2026, RSA-2048) and an
 * {@code AUTH_CARD} certificate for a fresh RSA-2048 card key, issued with the simulator's
 * {@link CertificateIssuer}; the card signature over the canonical login bytes; a verifier trusting
 * that CA whose revocation checker always answers good and whose clock is fixed inside the
 * certificate's validity; an ES256 OP key from {@link SigningKeys#generate}; an ES256 client key
 * and its assertion.
 *
 * <p>What it is the floor of: the CPU the OP spends on cryptography per login on one core, with no
 * HTTP, JSON of the endpoints, Redis round trips, revocation lookup or transaction bookkeeping. A
 * login cannot be cheaper than {@code wholeLogin}; {@code 1e6 / wholeLogin} (µs) is the upper bound
 * of logins per second per core.
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -ntp -pl perf -am package -DskipTests
 * java -jar perf/target/benchmarks.jar LoginCryptoBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * java -jar perf/target/benchmarks.jar LoginCryptoBenchmark.wholeLogin -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class LoginCryptoBenchmark {
    private static final String ISSUER = "https://id.example.jp";
    private static final String TOKEN_ENDPOINT = ISSUER + "/token";
    private static final String CLIENT_ID = "rp-benchmark";
    private static final ExpectedType LOGIN = ExpectedType.of(JpkiCertificateType.Purpose.AUTHENTICATION,
            JpkiCertificateType.Device.CARD);

    private JpkiVerifier verifier;
    private byte[] certificateDer;
    private byte[] cardSignature;
    private byte[] signedBytes;
    private SigningKeys opKeys;
    private TokenMinter minter;
    private TokenGrant grant;
    private String accessToken;
    private Optional<String> nonce;
    private String clientAssertion;
    private JWKSet clientJwks;
    /** A verifier that has not seen the token: it remembers the tokens it accepted, and the floor is the first time. */
    private Supplier<AccessTokenVerifier> accessTokens;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        Instant now = Instant.parse("2026-06-01T03:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);

        SimCa ca = SimCa.create(CaKind.AUTHENTICATION, 2026, KeyAlgorithm.RSA_2048, random);
        KeyPair cardKeys = KeyAlgorithm.RSA_2048.generateKeyPair(random);
        X509Certificate certificate = CertificateIssuer.issue(new IssueRequest(ca, CertificateType.AUTH_CARD,
                cardKeys.getPublic(), BigInteger.valueOf(10000001), "ABCDEFGHIJKLMNOPQRSTUVW",
                new Municipality("Tokyo", "Shinjuku-ku"), null, now.minus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(1800))));
        certificateDer = certificate.getEncoded();

        signedBytes = LoginSigningInput.of(ISSUER, ClientAssertions.randomBase64Url(random, 32),
                ClientAssertions.randomBase64Url(random, 32), CLIENT_ID,
                now.plus(Duration.ofMinutes(5)).getEpochSecond());
        Signature card = Signature.getInstance("SHA256withRSA");
        card.initSign(cardKeys.getPrivate());
        card.update(signedBytes);
        cardSignature = card.sign();

        verifier = new JpkiVerifier(TrustAnchors.of("sim", List.of(ca.certificate())),
                query -> CompletableFuture.completedFuture(RevocationStatus.good(now)), clock,
                JpkiVerifierOptions.defaults());

        byte[] pairwiseSecret = new byte[32];
        random.nextBytes(pairwiseSecret);
        opKeys = SigningKeys.generate(JWSAlgorithm.ES256);
        minter = new TokenMinter(ISSUER, ISSUER + "/userinfo", opKeys, TokenOptions.defaults(pairwiseSecret), clock, random);
        grant = new TokenGrant(ClientAssertions.randomBase64Url(random, 16), CLIENT_ID, ClientAssertions.randomBase64Url(random, 32),
                List.of("openid"), now, LoginAcr.AUTHENTICATION, List.of("sc", "pin"));
        nonce = Optional.of(ClientAssertions.randomBase64Url(random, 16));

        JWK clientKey = SigningKeys.generateKey(JWSAlgorithm.ES256);
        clientJwks = new JWKSet(clientKey.toPublicJWK());
        clientAssertion = ClientAssertions.sign(clientKey, CLIENT_ID, TOKEN_ENDPOINT, now, random);

        // Every benchmark must exercise the success path: fail the trial otherwise.
        OfflineVerification offline = verifyCardSignature();
        if (offline.serial().longValueExact() != 10000001L) {
            throw new IllegalStateException("verified the wrong certificate");
        }
        accessToken = mintAccessToken().value();
        if (SignedJWT.parse(mintIdToken()).getJWTClaimsSet().getClaim("at_hash") == null) {
            throw new IllegalStateException("ID token without at_hash");
        }
        verifyClientAssertion();
        accessTokens = () -> new AccessTokenVerifier(ISSUER, ISSUER + "/userinfo", opKeys, new GrantRevocations() {
            @Override
            public Future<Void> revoke(String grantId, Duration ttl) {
                return Future.succeededFuture();
            }

            @Override
            public Future<Boolean> isRevoked(String grantId) {
                return Future.succeededFuture(false);
            }
        }, clock);
        if (!verifyAccessToken().succeeded()) {
            throw new IllegalStateException("the access token does not verify", verifyAccessToken().cause());
        }
    }

    /** Chain, validity, profile and the card's RSA signature, as the login endpoint runs them. */
    @Benchmark
    public OfflineVerification verifyCardSignature() throws JpkiVerificationException {
        return verifier.verifyOffline(new VerificationRequest(certificateDer, cardSignature, signedBytes, LOGIN));
    }

    @Benchmark
    public TokenMinter.AccessToken mintAccessToken() {
        return minter.accessToken(grant);
    }

    @Benchmark
    public String mintIdToken() {
        return minter.idToken(grant, nonce, accessToken, Map.of());
    }

    /** Parse and ES256 signature check of a {@code private_key_jwt} assertion (claims checks excluded: no crypto). */
    @Benchmark
    public SignedJWT verifyClientAssertion() throws OAuthException {
        SignedJWT jwt = ClientAssertionVerifier.parse(clientAssertion);
        ClientAssertionVerifier.verifySignature(jwt, clientJwks);
        return jwt;
    }

    /** A JWT access token's check at a protected resource (signature and claims; revocation answers at once). */
    @Benchmark
    public Future<AccessTokenVerifier.VerifiedAccessToken> verifyAccessToken() {
        return accessTokens.get().verify(accessToken);
    }

    /** One login: card signature, access token, ID token (with at_hash of that token), client assertion. */
    @Benchmark
    public void wholeLogin(Blackhole blackhole) throws JpkiVerificationException, OAuthException {
        blackhole.consume(verifyCardSignature());
        TokenMinter.AccessToken token = mintAccessToken();
        blackhole.consume(token);
        blackhole.consume(minter.idToken(grant, nonce, token.value(), Map.of()));
        blackhole.consume(verifyClientAssertion());
    }
}
