package jp.jpkigate.idp.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.store.redis.RedisSigningKeyStore;
import jp.jpkigate.idp.testing.AdminReplica;
import jp.jpkigate.idp.testing.OpServer;
import jp.jpkigate.idp.token.TokenGrant;
import jp.jpkigate.idp.token.TokenMinter;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signing key rotation with overlap across two replicas on one real Redis, with a clock the test
 * moves (never sleeps): a next key is in the JWKS before it signs; a rotation waits for the
 * propagation delay; afterwards new tokens carry the new kid while old ones still verify at
 * userinfo; the other replica agrees after its sync; the old key leaves after the retention and its
 * tokens fail; a replica with another key-encryption key refuses to start; no private key shows.
 */
class SigningKeyRotationTest {
    private static OpServer server;
    private static Vertx vertx;
    private static Redis redis;
    private static MutableClock clock;
    private static KeyEncryptionKey kek;
    private AdminReplica a;
    private AdminReplica b;

    @BeforeAll
    static void startRedis() throws Exception {
        server = OpServer.open(300);
        vertx = server.vertx;
        redis = server.redis;
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        kek = AdminReplica.newKek();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void twoReplicas() throws Exception {
        server.redisServer.flushAll();
        a = replica(kek);
        b = replica(kek);
    }

    private static AdminReplica replica(KeyEncryptionKey with) throws Exception {
        return AdminReplica.start(vertx, redis, with, AdminReplica.rotationOptions(), ClientRegistry.of(List.of()),
                Optional.empty(), clock);
    }

    private static String accessToken(AdminReplica replica) {
        TokenMinter minter = new TokenMinter(replica.config.issuer().toString(), replica.config.userinfoEndpoint(),
                replica.api.signingKeys(), AdminReplica.TOKENS, clock, new SecureRandom());
        return minter.accessToken(new TokenGrant("grant-" + clock.millis(), "bank", "pairwise-sub", List.of("openid"),
                clock.instant(), "urn:jpkigate:acr:jpki-auth", List.of("hwk", "pin"))).value();
    }

    private static String kidOf(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getHeader().getKeyID();
    }

    private static JWKSet jwks(AdminReplica replica) throws Exception {
        HttpResponse<Buffer> response = replica.op(HttpMethod.GET, "/jwks", null, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(response.bodyAsJsonObject().getJsonArray("keys")).allSatisfy(k ->
                assertThat(((JsonObject) k).fieldNames()).doesNotContain("d", "p", "q", "dp", "dq", "qi"));
        return JWKSet.parse(response.bodyAsString());
    }

    private static List<String> kids(JWKSet set) {
        return set.getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static HttpResponse<Buffer> userinfo(AdminReplica replica, String token) throws Exception {
        return replica.op(HttpMethod.GET, "/userinfo", null, Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void rotationWithOverlapAcrossTwoReplicas() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            JWKSet before = jwks(a);
            assertThat(kids(jwks(b))).isEqualTo(kids(before)).hasSize(2);
            String firstToken = accessToken(a);
            String currentKid = kidOf(firstToken);
            String nextKid = kids(before).stream().filter(k -> !k.equals(currentKid)).findFirst().orElseThrow();
            assertThat(kidOf(accessToken(b))).isEqualTo(currentKid);

            HttpResponse<Buffer> early = a.admin(HttpMethod.POST, "/admin/keys/rotate", null);
            assertThat(early.statusCode()).isEqualTo(409);
            assertThat(early.bodyAsJsonObject().getString("error")).isEqualTo("rotation_not_ready");
            assertThat(Instant.parse(early.bodyAsJsonObject().getString("retry_at"))).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

            clock.advance(Duration.ofHours(1));
            String oldToken = accessToken(a);
            HttpResponse<Buffer> rotated = a.admin(HttpMethod.POST, "/admin/keys/rotate", null);
            assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
            assertThat(rotated.bodyAsString()).doesNotContain("\"d\"", "sealed");
            assertThat(kidOf(accessToken(a))).isEqualTo(nextKid);
            assertThat(kids(jwks(a))).hasSize(3).contains(currentKid, nextKid);

            // Replica b has not synced yet: it still signs with the old key, and accepts the new kid already.
            String fromA = accessToken(a);
            assertThat(userinfo(b, fromA).statusCode()).isEqualTo(200);
            b.sync();
            assertThat(kidOf(accessToken(b))).isEqualTo(nextKid);
            assertThat(kids(jwks(b))).isEqualTo(kids(jwks(a)));

            assertThat(userinfo(a, oldToken).statusCode()).isEqualTo(200);
            assertThat(userinfo(b, oldToken).bodyAsJsonObject().getString("sub")).isEqualTo("pairwise-sub");

            clock.advance(AdminReplica.rotationOptions().retention());
            assertThat(kids(jwks(a))).hasSize(2).doesNotContain(currentKid);
            assertThat(kids(jwks(b))).doesNotContain(currentKid);
            HttpResponse<Buffer> refused = userinfo(b, oldToken);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.getHeader("WWW-Authenticate")).contains("invalid_token", "unknown signing key");
            assertThat(userinfo(a, accessToken(a)).statusCode()).isEqualTo(200);
        } finally {
            System.setErr(stderr);
        }
        String sealed = TestRedis.call(redis, Command.HGET, RedisSigningKeyStore.KEY, "doc").toString();
        KeySet stored = new KeySetCodec(kek).decode(sealed);
        assertThat(stored.keys()).allSatisfy(k -> {
            String d = k.privateKey().toJSONObject().get("d").toString();
            assertThat(sealed).doesNotContain(d);
            assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(d);
            assertThat(a.api.signingKeys().toString()).doesNotContain(d);
            assertThat(a.api.signingKeys().publicJwks().toString()).doesNotContain(d);
        });
    }

    @Test
    void theAdminApiListsTheKeysStatesAndTimes() throws Exception {
        HttpResponse<Buffer> keys = a.admin(HttpMethod.GET, "/admin/keys", null);
        assertThat(keys.statusCode()).isEqualTo(200);
        JsonObject body = keys.bodyAsJsonObject();
        assertThat(body.getJsonArray("keys")).extracting(k -> ((JsonObject) k).getString("state")).containsExactly("current", "next");
        assertThat(body.getLong("propagation_delay_seconds")).isEqualTo(3600);
        assertThat(body.getString("next_usable_at")).isEqualTo(clock.instant().plus(Duration.ofHours(1)).toString());
        assertThat(keys.bodyAsString()).doesNotContain("\"d\"", "sealed");
    }

    @Test
    void aReplicaWithAnotherKeyEncryptionKeyFailsClearlyAtStart() {
        assertThatThrownBy(() -> replica(AdminReplica.newKek()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("sealed with key-encryption key " + kek.id())
                .hasMessageContaining("give every replica the same key");
    }

    @Test
    void theScheduleRotatesOnceTheCurrentKeyHasSignedForThePeriodAndAuditsIt() throws Exception {
        KeyRotationOptions defaults = AdminReplica.rotationOptions();
        AdminReplica scheduled = AdminReplica.start(vertx, redis, kek, new KeyRotationOptions(defaults.algorithm(),
                defaults.propagationDelay(), defaults.retention(), Duration.ofDays(2), defaults.syncInterval()),
                ClientRegistry.of(List.of()), Optional.empty(), clock);
        String current = kidOf(accessToken(scheduled));
        clock.advance(Duration.ofDays(2).minusSeconds(1));
        scheduled.sync();
        assertThat(kidOf(accessToken(scheduled))).isEqualTo(current);
        clock.advance(Duration.ofSeconds(1));
        scheduled.sync();
        String rotated = kidOf(accessToken(scheduled));
        assertThat(rotated).isNotEqualTo(current);
        a.sync();
        assertThat(kidOf(accessToken(a))).isEqualTo(rotated);
        JsonObject last = scheduled.admin(HttpMethod.GET, "/admin/audit", null).bodyAsJsonObject().getJsonArray("records")
                .getJsonObject(0);
        assertThat(last.getString("actor")).isEqualTo("schedule");
        assertThat(last.getString("action")).isEqualTo("keys.rotate");
        assertThat(last.getJsonObject("changes").getJsonObject("current").getString("to")).isEqualTo(rotated);
    }

    @Test
    void aKeySetLostFromRedisIsWrittenBackByAReplicaThatHoldsIt() throws Exception {
        List<String> kids = kids(jwks(a));
        TestRedis.call(redis, Command.DEL, RedisSigningKeyStore.KEY);
        a.sync();
        b.sync();
        assertThat(kids(jwks(b))).isEqualTo(kids);
        assertThat(kids(jwks(replica(kek)))).isEqualTo(kids);
    }
}
