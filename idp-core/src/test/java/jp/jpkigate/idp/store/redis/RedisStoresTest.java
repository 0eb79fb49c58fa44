package jp.jpkigate.idp.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.CodeChallenge;
import jp.jpkigate.idp.par.Prompt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import jp.jpkigate.testing.TestRedis;

@ExtendWith(VertxExtension.class)
class RedisStoresTest {
    private static TestRedis server;
    private static final String URI1 = "urn:ietf:params:oauth:request_uri:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @BeforeAll
    static void start() throws Exception {
        server = TestRedis.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static AuthorizationRequest request() {
        return new AuthorizationRequest("bank", URI.create("https://rp.bank.example/cb"), List.of("openid", "name"),
                new CodeChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), Optional.of("st"), Optional.of("n"),
                Set.of(Prompt.LOGIN, Prompt.CONSENT), OptionalLong.of(0), List.of("a", "b"),
                Optional.of("{\"id_token\":{\"name\":null}}"));
    }

    @Test
    void pushedRequestIsConsumedOnceWithItsTtl(Vertx vertx, VertxTestContext test) {
        Redis redis = server.client(vertx);
        RedisPushedRequestStore store = new RedisPushedRequestStore(redis);
        store.put(URI1, request(), Duration.ofSeconds(60))
                .compose(v -> redis.send(Request.cmd(Command.PTTL, RedisOpKeys.pushedRequest(URI1.substring(URI1.lastIndexOf(':') + 1)))))
                .compose(ttl -> {
                    test.verify(() -> assertThat(ttl.toLong()).isBetween(1L, 60_000L));
                    return store.put(URI1, request(), Duration.ofSeconds(60)).transform(ar -> Future.succeededFuture(ar.failed()));
                })
                .compose(collisionFailed -> {
                    test.verify(() -> assertThat(collisionFailed).isTrue());
                    return Future.all(store.consume(URI1), store.consume(URI1));
                })
                .compose(both -> {
                    Optional<AuthorizationRequest> a = both.resultAt(0);
                    Optional<AuthorizationRequest> b = both.resultAt(1);
                    test.verify(() -> {
                        assertThat(List.of(a, b)).filteredOn(Optional::isPresent).hasSize(1);
                        assertThat(a.or(() -> b)).contains(request());
                    });
                    return store.consume("urn:ietf:params:oauth:request_uri:../../etc");
                })
                .onComplete(test.succeeding(none -> {
                    test.verify(() -> assertThat(none).isEmpty());
                    test.completeNow();
                }));
    }

    @Test
    void replayCacheAnswersFirstUseOnce(Vertx vertx, VertxTestContext test) {
        RedisReplayCache cache = new RedisReplayCache(server.client(vertx));
        Future.all(List.of(cache.firstUse("ns", "jti-1", Duration.ofSeconds(30)), cache.firstUse("ns", "jti-1", Duration.ofSeconds(30)),
                        cache.firstUse("other", "jti-1", Duration.ofSeconds(30))))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    List<Boolean> results = all.list();
                    assertThat(results.subList(0, 2)).containsExactlyInAnyOrder(true, false);
                    assertThat(results.get(2)).isTrue();
                    test.completeNow();
                })));
    }
}
