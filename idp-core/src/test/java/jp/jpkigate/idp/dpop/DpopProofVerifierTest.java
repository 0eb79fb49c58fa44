package jp.jpkigate.idp.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.jpkigate.idp.dpop.DpopException.Code;
import jp.jpkigate.idp.store.ReplayCache;
import jp.jpkigate.idp.testing.DpopProofs;
import jp.jpkigate.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each RFC 9449 §4.3 check of {@link DpopProofVerifier}, one defence per test. */
class DpopProofVerifierTest {
    private static final String TOKEN_URL = "https://op.jpkigate.test/token";
    private static final TargetUri TOKEN = TargetUri.of(TOKEN_URL);
    private static final byte[] NONCE_KEY = "a-nonce-key-of-at-least-32-bytes!!".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T09:00:30Z"));
    private final Set<String> seen = new HashSet<>();
    private final ReplayCache replays = (namespace, value, ttl) -> Future.succeededFuture(seen.add(namespace + "|" + value));
    private final DpopProofVerifier verifier = new DpopProofVerifier(DpopOptions.withoutNonces(), replays, clock);
    private final DpopProofVerifier nonceVerifier = new DpopProofVerifier(DpopOptions.defaults(NONCE_KEY), replays, clock);
    private final DpopProofs client = new DpopProofs(JWSAlgorithm.ES256, clock);

    private static DpopRequest post(String... proofs) {
        return new DpopRequest(List.of(proofs), "POST", TOKEN);
    }

    private JwkThumbprint verify(DpopProofVerifier v, DpopRequest request, Optional<String> accessToken) throws Exception {
        Future<JwkThumbprint> result = v.verify(request, accessToken);
        if (result.failed()) {
            throw (Exception) result.cause();
        }
        return result.result();
    }

    private JwkThumbprint verify(DpopRequest request) throws Exception {
        return verify(verifier, request, Optional.empty());
    }

    private void assertRejected(DpopRequest request, String descriptionPart) {
        assertThatThrownBy(() -> verify(request)).isInstanceOf(DpopException.class)
                .satisfies(e -> assertThat(((DpopException) e).code()).isEqualTo(Code.INVALID_DPOP_PROOF))
                .hasMessageContaining(descriptionPart);
    }

    private String signed(Map<String, Object> header, Map<String, Object> claims) {
        return client.sign(header, claims);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "PS256", "EdDSA"})
    void aWellFormedProofYieldsTheKeyThumbprint(String alg) throws Exception {
        DpopProofs other = new DpopProofs(JWSAlgorithm.parse(alg), clock);
        assertThat(verify(post(other.proof("POST", TOKEN_URL, null, null)))).isEqualTo(other.jkt());
    }

    @Test
    void htuIsComparedAfterNormalisationWithoutQueryAndFragment() throws Exception {
        assertThat(verify(post(client.proof("POST", "HTTPS://OP.JpkiGate.test:443/token?x=1#f", null, null))))
                .isEqualTo(client.jkt());
    }

    @Test
    void replayedProofIsRejected() throws Exception {
        String proof = client.proof("POST", TOKEN_URL, null, null);
        verify(post(proof));
        assertRejected(post(proof), "replayed");
    }

    @Test
    void theSameJtiFromAnotherKeyIsNotAReplay() throws Exception {
        Map<String, Object> claims = client.claims("POST", TOKEN_URL);
        verify(post(client.sign(client.header(), claims)));
        DpopProofs other = new DpopProofs(JWSAlgorithm.ES256, clock);
        assertThat(verify(post(other.sign(other.header(), claims)))).isEqualTo(other.jkt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://op.jpkigate.test/par", "https://evil.example/token", "http://op.jpkigate.test/token",
            "https://op.jpkigate.test:8443/token", "https://user@op.jpkigate.test/token", "/token", "not a uri"})
    void wrongHtuIsRejected(String htu) {
        assertRejected(post(client.proof("POST", htu, null, null)), "htu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "post", "PUT"})
    void wrongHtmIsRejected(String htm) {
        assertRejected(post(client.proof(htm, TOKEN_URL, null, null)), "htm");
    }

    /** Stale and future {@code iat} are rejected; the edges of the window (60 s back, 5 s ahead) pass. */
    @ParameterizedTest
    @CsvSource({"-61, too old", "61, future", "6, future", "-60,", "5,", "0,"})
    void iatMustBeInsideTheWindow(long offsetSeconds, String rejection) throws Exception {
        Map<String, Object> claims = client.claims("POST", TOKEN_URL);
        claims.put("iat", clock.instant().plusSeconds(offsetSeconds).getEpochSecond());
        if (rejection == null) {
            assertThat(verify(post(signed(client.header(), claims)))).isEqualTo(client.jkt());
        } else {
            assertRejected(post(signed(client.header(), claims)), rejection);
        }
    }

    @Test
    void missingIatIsRejected() {
        Map<String, Object> claims = client.claims("POST", TOKEN_URL);
        claims.remove("iat");
        assertRejected(post(signed(client.header(), claims)), "iat");
    }

    @Test
    void jtiMustBePresentAndAtMost256Characters() throws Exception {
        Map<String, Object> claims = client.claims("POST", TOKEN_URL);
        claims.remove("jti");
        assertRejected(post(signed(client.header(), claims)), "jti");
        claims.put("jti", "j".repeat(257));
        assertRejected(post(signed(client.header(), claims)), "jti");
        claims.put("jti", "j".repeat(256));
        assertThat(verify(post(signed(client.header(), claims)))).isEqualTo(client.jkt());
    }

    @Test
    void aMissingNonceIsUseDpopNonce() {
        assertThatThrownBy(() -> verify(nonceVerifier, post(client.proof("POST", TOKEN_URL, null, null)), Optional.empty()))
                .isInstanceOf(DpopException.class)
                .satisfies(e -> assertThat(((DpopException) e).code()).isEqualTo(Code.USE_DPOP_NONCE));
    }

    @Test
    void anotherServersOrAnOldNonceIsUseDpopNonce() throws Exception {
        String foreign = new DpopNonces("another-nonce-key-of-32-bytes-and-more".getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(60), clock).current();
        assertThatThrownBy(() -> verify(nonceVerifier, post(client.proof("POST", TOKEN_URL, foreign, null)), Optional.empty()))
                .satisfies(e -> assertThat(((DpopException) e).code()).isEqualTo(Code.USE_DPOP_NONCE));
        String nonce = nonceVerifier.freshNonce().orElseThrow();
        clock.advance(Duration.ofSeconds(60)); // the next bucket: the previous bucket's nonce still counts
        assertThat(verify(nonceVerifier, post(client.proof("POST", TOKEN_URL, nonce, null)), Optional.empty()))
                .isEqualTo(client.jkt());
        clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> verify(nonceVerifier, post(client.proof("POST", TOKEN_URL, nonce, null)), Optional.empty()))
                .satisfies(e -> assertThat(((DpopException) e).code()).isEqualTo(Code.USE_DPOP_NONCE));
    }

    @Test
    void athMustBeTheHashOfThePresentedAccessToken() throws Exception {
        DpopRequest get = new DpopRequest(List.of(client.proof("GET", "https://op.jpkigate.test/userinfo", null, "other-token")),
                "GET", TargetUri.of("https://op.jpkigate.test/userinfo"));
        assertThatThrownBy(() -> verify(verifier, get, Optional.of("the-token"))).hasMessageContaining("ath");
        DpopRequest none = new DpopRequest(List.of(client.proof("GET", "https://op.jpkigate.test/userinfo", null, null)),
                "GET", TargetUri.of("https://op.jpkigate.test/userinfo"));
        assertThatThrownBy(() -> verify(verifier, none, Optional.of("the-token"))).hasMessageContaining("ath");
        DpopRequest right = new DpopRequest(List.of(client.proof("GET", "https://op.jpkigate.test/userinfo", null, "the-token")),
                "GET", TargetUri.of("https://op.jpkigate.test/userinfo"));
        assertThat(verify(verifier, right, Optional.of("the-token"))).isEqualTo(client.jkt());
    }

    @Test
    void aPrivateKeyInTheJwkHeaderIsRejected() {
        Map<String, Object> header = client.header();
        header.put("jwk", client.key.toJSONObject()); // with "d"
        assertRejected(post(signed(header, client.claims("POST", TOKEN_URL))), "private key");
    }

    @Test
    void aSymmetricJwkIsRejected() {
        Map<String, Object> header = client.header();
        header.put("jwk", Map.of("kty", "oct", "k", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"));
        assertRejected(post(signed(header, client.claims("POST", TOKEN_URL))), "private key");
    }

    @Test
    void algNoneIsRejected() {
        Map<String, Object> header = client.header();
        header.put("alg", "none");
        String unsigned = DpopProofs.encode(header) + "." + DpopProofs.encode(client.claims("POST", TOKEN_URL)) + ".";
        assertRejected(post(unsigned), "malformed");
    }

    @Test
    void hs256IsRejected() throws Exception {
        Map<String, Object> header = client.header();
        header.put("alg", "HS256");
        String input = DpopProofs.encode(header) + "." + DpopProofs.encode(client.claims("POST", TOKEN_URL));
        Base64URL mac = new MACSigner(new byte[32]).sign(new JWSHeader(JWSAlgorithm.HS256), input.getBytes(StandardCharsets.US_ASCII));
        assertRejected(post(input + "." + mac), "alg");
    }

    /** RS256 is not one of the OP's algorithms; an EC key cannot sign PS256; typ must be dpop+jwt; jwk is required. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {"alg|RS256|alg", "alg|PS256|does not fit", "typ|JWT|typ", "typ|at+jwt|typ",
            "typ|application/dpop+jwt|typ", "typ||typ", "jwk||jwk"})
    void badHeaderMembersAreRejected(String member, String value, String rejection) {
        Map<String, Object> header = client.header();
        if (value == null) {
            header.remove(member);
        } else {
            header.put(member, value);
        }
        assertRejected(post(signed(header, client.claims("POST", TOKEN_URL))), rejection);
    }

    @Test
    void twoDpopHeadersAreRejected() {
        assertRejected(post(client.proof("POST", TOKEN_URL, null, null), client.proof("POST", TOKEN_URL, null, null)),
                "more than one");
        assertRejected(post(client.proof("POST", TOKEN_URL, null, null) + ", " + client.proof("POST", TOKEN_URL, null, null)),
                "more than one");
    }

    @Test
    void aSignatureByAnotherKeyThanTheJwkIsRejected() {
        DpopProofs other = new DpopProofs(JWSAlgorithm.ES256, clock);
        assertRejected(post(other.sign(client.header(), client.claims("POST", TOKEN_URL))), "signature");
    }

    @Test
    void rsaKeysTooCostlyToVerifyAreRejectedBeforeTheSignatureCheck() {
        DpopProofs rsa = new DpopProofs(JWSAlgorithm.PS256, clock);
        Map<String, Object> hugeExponent = rsa.header();
        Map<String, Object> jwk = new java.util.LinkedHashMap<>(rsa.key.toPublicJWK().toJSONObject());
        jwk.put("e", Base64URL.encode(java.math.BigInteger.ONE.shiftLeft(40).add(java.math.BigInteger.ONE)).toString());
        hugeExponent.put("jwk", jwk);
        assertRejected(post(rsa.sign(hugeExponent, rsa.claims("POST", TOKEN_URL))), "RSA keys");

        Map<String, Object> hugeModulus = rsa.header();
        jwk = new java.util.LinkedHashMap<>(rsa.key.toPublicJWK().toJSONObject());
        jwk.put("n", Base64URL.encode(java.math.BigInteger.ONE.shiftLeft(4200).add(java.math.BigInteger.ONE)).toString());
        hugeModulus.put("jwk", jwk);
        assertRejected(post(rsa.sign(hugeModulus, rsa.claims("POST", TOKEN_URL))), "RSA keys");
    }

    @Test
    void noHeaderIsNoProofForOptionalUseAndMissingWhereRequired() throws Exception {
        assertThat(verifier.verifyIfPresent(post()).result()).isEmpty();
        assertRejected(post(), "missing");
    }

    @Test
    void aReplayCacheFailureFailsClosed() {
        DpopProofVerifier broken = new DpopProofVerifier(DpopOptions.withoutNonces(),
                (namespace, value, ttl) -> Future.failedFuture(new IllegalStateException("redis down")), clock);
        assertThat(broken.verify(post(client.proof("POST", TOKEN_URL, null, null)), Optional.empty()).failed()).isTrue();
    }
}
