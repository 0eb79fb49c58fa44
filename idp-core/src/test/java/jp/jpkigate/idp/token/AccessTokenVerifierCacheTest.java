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
 * is no longer published; a token that differs from a remembered one is verified afresh.
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
