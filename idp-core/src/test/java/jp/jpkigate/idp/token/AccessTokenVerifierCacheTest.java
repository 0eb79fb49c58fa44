package jp.jpkigate.idp.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.store.GrantRevocations;
import jp.jpkigate.idp.store.redis.RedisGrantRevocations;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AccessTokenVerifier} remembers the tokens it accepted ({@link VerifiedTokenCache}), and a
 * remembered token is still refused once it expired, its grant was revoked (in a real Redis) or its key
 * is no longer published; a token that differs from a remembered one is verified afresh. The tokens
 * the OP mints are remembered when minted ({@link TokenMinter#rememberingIn}) with the same answer.
 */
class AccessTokenVerifierCacheTest {
    private static final String ISSUER = "https://op.example";
    private static final String AUDIENCE = "https://op.example/userinfo";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    private final SigningKeys keys = SigningKeys.generate(JWSAlgorithm.ES256);
    private final AtomicReference<JWK> published = new AtomicReference<>(keys.publicJwks().getKeys().get(0));
    private static TestRedis redisServer;
    private static Vertx vertx;
    private static GrantRevocations revocations;

    private final AccessTokenVerifier verifier = new AccessTokenVerifier(ISSUER, AUDIENCE,
            kid -> Optional.ofNullable(published.get()).filter(k -> k.getKeyID().equals(kid)), revocations, clock);
    private final String token = new ClientAccessTokenMinter(ISSUER, AUDIENCE, keys, Duration.ofMinutes(5), clock,
            new SecureRandom()).mint("bank", List.of("consent:read"), Optional.empty()).value();

    @BeforeAll
    static void startRedis() throws Exception {
        redisServer = TestRedis.start();
        vertx = Vertx.vertx();
        revocations = new RedisGrantRevocations(redisServer.client(vertx));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        TestRedis.await(vertx.close());
        redisServer.close();
    }

    @Test
    void aRememberedTokenGivesTheSameAnswerWithItsClaims() throws Exception {
        AccessTokenVerifier.VerifiedWithClaims first = TestRedis.await(verify(token));
        AccessTokenVerifier.VerifiedWithClaims again = TestRedis.await(verify(token));
        assertThat(again.token()).isEqualTo(first.token());
        assertThat(again.token().clientId()).isEqualTo("bank");
        assertThat(again.token().scopes()).containsExactly("consent:read");
        assertThat(again.claims().getSubject()).isEqualTo("bank");
    }

    @Test
    void aRememberedTokenExpiresOnTime() throws Exception {
        TestRedis.await(verify(token));
        clock.advance(Duration.ofMinutes(5));
        assertThat(refusal(token)).isEqualTo("the access token has expired");
    }

    @Test
    void aRememberedTokenOfARevokedGrantIsRefused() throws Exception {
        String grant = TestRedis.await(verify(token)).token().grantId();
        TestRedis.await(revocations.revoke(grant, Duration.ofMinutes(10)));
        assertThat(refusal(token)).isEqualTo("the grant was revoked");
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsKeyIsNoLongerPublishedOrReplaced() throws Exception {
        TestRedis.await(verify(token));
        JWK original = published.get();
        published.set(null);
        assertThat(refusal(token)).isEqualTo("unknown signing key");
        JWK other = SigningKeys.generate(JWSAlgorithm.ES256).publicJwks().getKeys().get(0);
        published.set(new com.nimbusds.jose.jwk.ECKey.Builder(other.toECKey()).keyID(original.getKeyID()).build());
        assertThat(refusal(token)).as("another key under the same kid").isEqualTo("bad signature");
        published.set(original);
        TestRedis.await(verify(token));
    }

    @Test
    void aTokenDifferingFromARememberedOneIsVerifiedAfresh() throws Exception {
        TestRedis.await(verify(token));
        String[] parts = token.split("\\.");
        String otherSignature = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        assertThat(refusal(parts[0] + "." + parts[1] + "." + otherSignature)).isIn("bad signature", "malformed access token");
    }

    /** The OP's own tokens are remembered when minted, with the answer a full verification gives. */
    @Test
    void aMintedTokenIsRememberedAsAFullVerificationWouldAnswer() throws Exception {
        TokenGrant grant = new TokenGrant("grant-1", "bank", "sub-1", List.of("openid", "profile"), clock.instant(), "acr",
                List.of("hwk"));
        Confirmation cnf = Confirmation.jwkThumbprint(new jp.jpkigate.idp.dpop.JwkThumbprint("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"));
        TokenMinter.AccessToken minted = minter(AUDIENCE).rememberingIn(verifier).accessToken(grant, Optional.of(cnf));

        AccessTokenVerifier fresh = new AccessTokenVerifier(ISSUER, AUDIENCE,
                kid -> Optional.ofNullable(published.get()).filter(k -> k.getKeyID().equals(kid)), revocations, clock);
        AccessTokenVerifier.VerifiedWithClaims remembered = TestRedis.await(verify(minted.value()));
        AccessTokenVerifier.VerifiedWithClaims verified = TestRedis.await(fresh.verifyWithClaims(minted.value()));
        assertThat(remembered.token()).isEqualTo(verified.token());
        assertThat(remembered.token().confirmation()).contains(cnf);
        assertThat(remembered.claims().toJSONObject()).isEqualTo(verified.claims().toJSONObject());

        TestRedis.await(revocations.revoke("grant-1", Duration.ofMinutes(10)));
        assertThat(refusal(minted.value())).isEqualTo("the grant was revoked");
    }

    /** What makes it cheap: a remembered token is not verified again (shown with a signature that would fail). */
    @Test
    void aRememberedMintedTokenIsNotVerifiedAgain() throws Exception {
        TokenGrant grant = new TokenGrant("grant-3", "bank", "sub-3", List.of("openid"), clock.instant(), "acr", List.of("hwk"));
        String value = minter(AUDIENCE).accessToken(grant).value();
        String[] parts = value.split("\\.");
        String badlySigned = parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A") + parts[2].substring(1);
        assertThat(refusal(badlySigned)).isIn("bad signature", "malformed access token");
        verifier.rememberMinted(badlySigned, com.nimbusds.jwt.SignedJWT.parse(value));
        assertThat(TestRedis.await(verify(badlySigned)).token().subject()).isEqualTo("sub-3");
    }

    @Test
    void aMintedTokenThatWouldFailACheckIsNotRememberedAndExpiresOnTime() throws Exception {
        TokenGrant grant = new TokenGrant("grant-2", "bank", "sub-2", List.of("openid"), clock.instant(), "acr", List.of("hwk"));
        String elsewhere = minter("https://rs.example").rememberingIn(verifier).accessToken(grant).value();
        assertThat(refusal(elsewhere)).isEqualTo("wrong audience");

        String minted = minter(AUDIENCE).rememberingIn(verifier).accessToken(grant).value();
        TestRedis.await(verify(minted));
        clock.advance(TokenOptions.defaults(new byte[32]).accessTokenLifetime());
        assertThat(refusal(minted)).isEqualTo("the access token has expired");
    }

    private TokenMinter minter(String audience) {
        return new TokenMinter(ISSUER, audience, keys, TokenOptions.defaults(new byte[32]), clock, new SecureRandom());
    }

    private Future<AccessTokenVerifier.VerifiedWithClaims> verify(String presented) {
        return verifier.verifyWithClaims(presented);
    }

    private String refusal(String presented) {
        Throwable refused = catchThrowable(() -> TestRedis.await(verify(presented)));
        refused = refused instanceof ExecutionException ? refused.getCause() : refused;
        assertThat(refused).as("refused").isInstanceOf(BearerTokenException.class);
        return ((BearerTokenException) refused).description();
    }
}
