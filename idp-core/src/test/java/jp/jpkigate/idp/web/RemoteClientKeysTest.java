package jp.jpkigate.idp.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.jpkigate.idp.client.ClientAuthenticationPolicy;
import jp.jpkigate.idp.client.ClientAuthenticator;
import jp.jpkigate.idp.client.ClientCredentials;
import jp.jpkigate.idp.client.ClientRegistry;
import jp.jpkigate.idp.client.RegisteredClient;
import jp.jpkigate.idp.key.JwsAlgorithms;
import jp.jpkigate.idp.key.SigningKeys;
import jp.jpkigate.idp.oauth.FormParameters;
import jp.jpkigate.idp.oauth.OAuthException;
import jp.jpkigate.idp.store.ReplayCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import jp.jpkigate.testing.TestRedis;

/** A client's jwks_uri served by a local Vert.x server: fetched, cached, refetched on rotation, rate limited. */
@ExtendWith(VertxExtension.class)
class RemoteClientKeysTest {
    private static final String ISSUER = "https://op.jpkigate.test";

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> served = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-04-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private HttpServer server;
    private WebClient web;
    private ClientAuthenticator authenticator;
    private RemoteClientKeys keys;
    private RegisteredClient remote;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        server = TestRedis.await(vertx.createHttpServer().requestHandler(req -> {
            fetches.incrementAndGet();
            String body = served.get();
            if (body == null) {
                req.response().setStatusCode(503).end();
            } else {
                req.response().putHeader("Content-Type", "application/jwk-set+json").end(body);
            }
        }).listen(0, "127.0.0.1"));
        web = WebClient.create(vertx);
        ClientRegistry clients = ClientRegistry.parse("[{\"client_id\":\"remote\",\"redirect_uris\":[\"https://rp.example/cb\"],"
                + "\"jwks_uri\":\"http://127.0.0.1:" + server.actualPort() + "/jwks\"}]");
        Set<String> seen = new HashSet<>();
        ReplayCache replays = (ns, value, ttl) -> Future.succeededFuture(seen.add(value));
        keys = new RemoteClientKeys(web, clock, Duration.ofMinutes(5), Duration.ofMinutes(1));
        remote = clients.find("remote").orElseThrow();
        authenticator = new ClientAuthenticator(clients, ClientAuthenticationPolicy.of(ISSUER), replays, keys, clock);
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
        TestRedis.await(server.close());
    }

    private Future<RegisteredClient> authenticateWith(JWK key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer("remote").subject("remote").audience(ISSUER).jwtID("j" + System.nanoTime())
                        .expirationTime(Date.from(now.get().plusSeconds(60))).build());
        jwt.sign(JwsAlgorithms.signer(key, JWSAlgorithm.ES256));
        return authenticator.authenticate(ClientCredentials.parse(FormParameters.of(Map.of(
                "client_assertion_type", ClientCredentials.JWT_BEARER, "client_assertion", jwt.serialize())), Optional.empty()));
    }

    private static String failureOf(Future<?> future) throws Exception {
        try {
            TestRedis.await(future);
        } catch (java.util.concurrent.ExecutionException e) {
            return ((OAuthException) e.getCause()).error().code();
        }
        return "succeeded";
    }

    @Test
    void fetchesCachesAndFollowsKeyRotationAtMostOncePerInterval() throws Exception {
        JWK first = SigningKeys.generateKey(JWSAlgorithm.ES256);
        JWK second = SigningKeys.generateKey(JWSAlgorithm.ES256);
        served.set(new JWKSet(first).toPublicJWKSet().toString());

        assertThat(TestRedis.await(authenticateWith(first)).clientId()).isEqualTo("remote");
        assertThat(TestRedis.await(authenticateWith(first)).clientId()).isEqualTo("remote");
        assertThat(fetches).hasValue(1);

        // The client rotates: the unknown kid triggers one refetch, but only after the minimum interval.
        served.set(new JWKSet(second).toPublicJWKSet().toString());
        assertThat(failureOf(authenticateWith(second))).isEqualTo("invalid_client");
        assertThat(fetches).hasValue(1);
        now.set(now.get().plusSeconds(61));
        assertThat(TestRedis.await(authenticateWith(second)).clientId()).isEqualTo("remote");
        assertThat(fetches).hasValue(2);
        assertThat(failureOf(authenticateWith(first))).isEqualTo("invalid_client");
        assertThat(fetches).hasValue(2);

        // After the TTL the set is fetched again.
        now.set(now.get().plusSeconds(301));
        assertThat(TestRedis.await(authenticateWith(second)).clientId()).isEqualTo("remote");
        assertThat(fetches).hasValue(3);
    }

    @Test
    void anUnreachableJwksUriIsInvalidClientAndRetriedAfterTheInterval() throws Exception {
        JWK key = SigningKeys.generateKey(JWSAlgorithm.ES256);
        assertThat(failureOf(authenticateWith(key))).isEqualTo("invalid_client");
        assertThat(failureOf(authenticateWith(key))).isEqualTo("invalid_client");
        assertThat(fetches).hasValue(1);
        served.set("{\"keys\":[" + key.toJSONString() + "]}"); // private parts are dropped, never used
        now.set(now.get().plusSeconds(61));
        assertThat(failureOf(authenticateWith(key))).isEqualTo("invalid_client");
        assertThat(fetches).hasValue(2);
        served.set(new JWKSet(key).toPublicJWKSet().toString());
        now.set(now.get().plusSeconds(61));
        assertThat(TestRedis.await(authenticateWith(key)).clientId()).isEqualTo("remote");
    }

    @Test
    void theSameFetchAnswersTheFeedsEncryptionKeysLookedForAgainAfterTheIntervalWhileThereIsNone() throws Exception {
        JWK signing = SigningKeys.generateKey(JWSAlgorithm.ES256);
        JWK encryption = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).keyID("enc-1").generate();
        served.set(new JWKSet(signing).toPublicJWKSet().toString());
        assertThat(TestRedis.await(keys.encryptionKeys(remote)).getKeys()).isEmpty();
        assertThat(fetches).hasValue(1);

        served.set(new JWKSet(java.util.List.of(signing, encryption)).toPublicJWKSet().toString());
        assertThat(TestRedis.await(keys.encryptionKeys(remote)).getKeys()).as("not before the interval").isEmpty();
        assertThat(fetches).hasValue(1);
        now.set(now.get().plusSeconds(61));
        assertThat(TestRedis.await(keys.encryptionKeys(remote)).getKeys()).extracting(JWK::getKeyID).containsExactly("enc-1");
        assertThat(fetches).hasValue(2);

        assertThat(TestRedis.await(keys.keys(remote)).getKeys()).as("an enc key never verifies a signature")
                .extracting(JWK::getKeyID).containsExactly(signing.getKeyID());
        assertThat(TestRedis.await(authenticateWith(signing)).clientId()).isEqualTo("remote");
        assertThat(TestRedis.await(keys.encryptionKeys(remote)).getKeys()).hasSize(1);
        assertThat(fetches).as("one cached set for both").hasValue(2);
    }
}
