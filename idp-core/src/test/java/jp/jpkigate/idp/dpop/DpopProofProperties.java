package jp.jpkigate.idp.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.jpkigate.idp.testing.DpopProofs;
import jp.jpkigate.testing.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Malformed DPoP headers — random text, random JSON headers and claims (signed or not), almost valid
 * proofs with one member replaced, valid proofs cut short or with a character changed — never make
 * the verifier throw anything but {@link DpopException}, and (but for harmless base64url changes)
 * never pass.
 */
class DpopProofProperties {
    private static final String TOKEN_URL = "https://op.jpkigate.test/token";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-01T09:00:00Z"));
    private static final DpopProofs CLIENT = new DpopProofs(JWSAlgorithm.ES256, CLOCK);
    private static final DpopProofVerifier VERIFIER = new DpopProofVerifier(
            DpopOptions.defaults("nonce-key-for-the-properties-32-bytes".getBytes(StandardCharsets.US_ASCII)),
            (namespace, value, ttl) -> Future.succeededFuture(true), CLOCK);

    private static void assertOnlyTypedFailure(List<String> headers) {
        assertThat(passes(headers)).as("a malformed proof passed: %s", headers).isFalse();
    }

    /** Whether the proof passed; any failure other than a {@link DpopException} escapes and fails the property. */
    private static boolean passes(List<String> headers) {
        DpopRequest request = new DpopRequest(headers, "POST", TargetUri.of(TOKEN_URL));
        try {
            VERIFIER.check(request, Optional.of("an-access-token"));
            return true;
        } catch (DpopException e) {
            assertThat(e.description()).isNotBlank();
            return false;
        }
    }

    @Property(tries = 300)
    void randomTextIsATypedError(@ForAll("text") String header) {
        assertOnlyTypedFailure(List.of(header));
    }

    @Property(tries = 300)
    void randomJsonHeadersAndClaimsAreATypedError(@ForAll("json") Map<String, Object> header,
                                                 @ForAll("json") Map<String, Object> claims,
                                                 @ForAll boolean signed) {
        String proof = signed ? CLIENT.sign(header, claims)
                : DpopProofs.encode(header) + "." + DpopProofs.encode(claims) + ".c2ln";
        assertOnlyTypedFailure(List.of(proof));
    }

    @Property(tries = 300)
    void almostValidProofsAreATypedError(@ForAll("field") String field, @ForAll("value") Object value) {
        Map<String, Object> header = CLIENT.header();
        Map<String, Object> claims = CLIENT.claims("POST", TOKEN_URL);
        claims.put("nonce", VERIFIER.freshNonce().orElseThrow());
        claims.put("ath", DpopProofVerifier.accessTokenHash("an-access-token"));
        Map<String, Object> target = field.startsWith("h:") ? header : claims;
        Object original = target.put(field.substring(2), value);
        if (passes(List.of(CLIENT.sign(header, claims)))) {
            assertThat(stillValid(field, value, original)).as("%s = %s passed", field, value).isTrue();
        }
    }

    /** Replacements a correct verifier accepts: the same value, members it ignores, any jti, an iat in the window. */
    private static boolean stillValid(String field, Object value, Object original) {
        long now = CLOCK.instant().getEpochSecond();
        return value.equals(original) || List.of("h:kid", "h:b64", "h:crit", "c:exp").contains(field)
                || field.equals("c:jti") && value instanceof String jti && !jti.isEmpty() && jti.length() <= 256
                || field.equals("c:iat") && value instanceof Number iat && iat.longValue() >= now - 60 && iat.longValue() <= now + 5;
    }

    @Property(tries = 300)
    void truncatedOrAlteredProofsAreATypedError(@ForAll("cut") int cut, @ForAll("text") String insert) {
        String valid = CLIENT.proof("POST", TOKEN_URL, VERIFIER.freshNonce().orElseThrow(), "an-access-token");
        int at = Math.floorMod(cut, valid.length());
        assertOnlyTypedFailure(List.of(valid.substring(0, at)));
        String altered = valid.substring(0, at) + insert + valid.substring(Math.min(valid.length(), at + 1));
        // Base64url's unused trailing bits make a few one-character changes harmless: only "no untyped failure" holds.
        passes(List.of(altered));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("eyJAZaz09-_.=").ofMaxLength(400),
                Arbitraries.strings().ascii().ofMinLength(9000).ofMaxLength(9000));
    }

    @Provide
    Arbitrary<Integer> cut() {
        return Arbitraries.integers();
    }

    @Provide
    Arbitrary<String> field() {
        return Arbitraries.of("h:typ", "h:alg", "h:jwk", "h:crit", "h:b64", "h:kid", "c:jti", "c:htm", "c:htu", "c:iat",
                "c:nonce", "c:ath", "c:exp");
    }

    @Provide
    Arbitrary<Object> value() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.of("none", "HS256", "RS256", "ES256", "EdDSA", "dpop+jwt", "POST", TOKEN_URL).map(s -> (Object) s),
                Arbitraries.of(Map.of("kty", "EC"), Map.of("kty", "RSA", "n", "AQAB", "e", "AQAB"), Map.of("kty", "OKP", "crv", "Ed25519",
                        "x", "AAAA"), Map.of("kty", "oct", "k", "AAAA"), List.of("b64"), List.of()).map(o -> (Object) o));
        return Arbitraries.oneOf(scalars, scalars.list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), scalars).ofMaxSize(3).map(m -> (Object) m));
    }

    @Provide
    Arbitrary<Map<String, Object>> json() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("typ", "alg", "jwk", "crit", "jti", "htm", "htu", "iat", "nonce",
                "ath"), Arbitraries.strings().ofMaxLength(6));
        return Arbitraries.maps(keys, value()).ofMaxSize(8);
    }
}
