package jp.jpkigate.idp.store.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import jp.jpkigate.idp.account.AccountSession;
import jp.jpkigate.idp.approval.Approval;
import jp.jpkigate.idp.approval.RequestedSharing;
import jp.jpkigate.idp.authorize.CodeGrant;
import jp.jpkigate.idp.jpki.JpkiCertificateType;
import jp.jpkigate.idp.login.SignerIdentity;
import jp.jpkigate.idp.par.AuthorizationRequest;
import jp.jpkigate.idp.par.CodeChallenge;
import jp.jpkigate.idp.par.Prompt;
import jp.jpkigate.idp.store.AuthorizationCodeStore.Redemption;
import jp.jpkigate.idp.store.RefreshTokenStore.Rotation;
import jp.jpkigate.idp.subject.CertificateId;
import jp.jpkigate.idp.token.GrantRevoker;
import jp.jpkigate.idp.token.TokenGrant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import jp.jpkigate.testing.TestRedis;

/** The OP's Redis stores on a real redis-server. */
@ExtendWith(VertxExtension.class)
class RedisStoresTest {
    private static TestRedis server;
    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    private static final String URI1 = "urn:ietf:params:oauth:request_uri:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

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

    private static CodeGrant code() {
        SignerIdentity signer = new SignerIdentity(JpkiCertificateType.values()[0], BigInteger.TEN, "sim:a", NOW, Optional.empty());
        return new CodeGrant("bank", URI.create("https://rp.bank.example/cb"), List.of("openid"), Optional.empty(),
                new CodeChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), NOW, "acr", List.of("sc", "pin"), signer,
                Optional.empty(), NOW);
    }

    @Test
    void aRedeemedCodeLeavesOnlyAUsedMarkerWithItsTtlSoAReplayIsToldApart(Vertx vertx) throws Exception {
        Redis redis = server.client(vertx);
        RedisAuthorizationCodeStore codes = new RedisAuthorizationCodeStore(redis);
        await(codes.put("code-1", code(), Duration.ofSeconds(60)));
        List<Redemption> both = await(Future.all(codes.redeem("code-1"), codes.redeem("code-1"))).list();
        assertThat(both).filteredOn(Redemption.Redeemed.class::isInstance).hasSize(1)
                .first().isEqualTo(new Redemption.Redeemed(code()));
        assertThat(both).filteredOn(Redemption.Replayed.class::isInstance).hasSize(1);
        String key = RedisOpKeys.authorizationCode("code-1");
        assertThat(TestRedis.call(redis, Command.GET, key).toString()).as("the grant is gone").isEqualTo("used");
        assertThat(TestRedis.call(redis, Command.PTTL, key).toLong()).isBetween(1L, 60_000L);
        assertThat(await(codes.redeem("code-2"))).isEqualTo(new Redemption.Unknown());
        assertThat(await(codes.consume("code-1"))).isEmpty();
    }

    @Test
    void aRefreshAskingForMoreScopeChangesNothing(Vertx vertx) throws Exception {
        RedisRefreshTokenStore store = new RedisRefreshTokenStore(server.client(vertx));
        TokenGrant grant = new TokenGrant("family-1", "bank", "sub", List.of("openid", "name"), NOW, "acr", List.of("sc"));
        await(store.issue("family-1", "t1", grant, Duration.ofMinutes(5)));
        assertThat(await(store.rotate("family-1", "bank", "t1", "t2", List.of("openid", "address"))))
                .isEqualTo(new Rotation.ScopeExceeded());
        assertThat(await(store.rotate("family-1", "bank", "t1", "t2", List.of("name"))))
                .as("t1 is still current, and the grant keeps its id").isEqualTo(new Rotation.Rotated(grant));
        assertThat(await(store.rotate("family-1", "bank", "t1", "t3", List.of("address"))))
                .as("reuse is detected before the scope").isEqualTo(new Rotation.Reused());
    }

    @Test
    void aCodeReplayRacingTheFirstRedemptionLeavesNoRefreshTokenFamily(Vertx vertx) throws Exception {
        RedisRefreshTokenStore families = new RedisRefreshTokenStore(server.client(vertx));
        GrantRevoker revoker = new GrantRevoker(families, new RedisGrantRevocations(server.client(vertx)), Duration.ofMinutes(5));
        TokenGrant grant = new TokenGrant("family-2", "bank", "sub", List.of("openid"), NOW, "acr", List.of("sc"));
        await(revoker.revoke("family-2")); // the replay's revocation reaches Redis before the first redemption issues
        Future<Void> issued = revoker.issueUnlessRevoked("family-2", "t1", grant, Duration.ofMinutes(5));
        assertThat(issued.toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(jp.jpkigate.idp.oauth.OAuthException.class);
        assertThat(await(families.rotate("family-2", "bank", "t1", "t2", List.of()))).isEqualTo(new Rotation.Unknown());
        assertThat(TestRedis.call(server.client(vertx), Command.EXISTS, RedisOpKeys.refreshFamily("family-2")).toInteger())
                .as("nothing was stored").isZero();

        TokenGrant other = new TokenGrant("family-3", "bank", "sub", List.of("openid"), NOW, "acr", List.of("sc"));
        await(revoker.issueUnlessRevoked("family-3", "t1", other, Duration.ofMinutes(5)));
        await(revoker.revoke("family-3")); // the revocation after the redemption finds the family
        assertThat(await(families.rotate("family-3", "bank", "t1", "t2", List.of()))).isEqualTo(new Rotation.Unknown());
    }

    @Test
    void aFamilyIsIssuedOnceUnlessItsGrantIsRevoked(Vertx vertx) throws Exception {
        RedisRefreshTokenStore families = new RedisRefreshTokenStore(server.client(vertx));
        TokenGrant grant = new TokenGrant("family-4", "bank", "sub", List.of("openid"), NOW, "acr", List.of("sc"));
        assertThat(await(families.issueUnlessRevoked("family-4", "t1", grant, Duration.ofMinutes(5)))).isTrue();
        assertThat(families.issueUnlessRevoked("family-4", "t1", grant, Duration.ofMinutes(5))
                .toCompletionStage().toCompletableFuture()).as("a family id collision").failsWithin(Duration.ofSeconds(10));
        assertThat(await(families.rotate("family-4", "bank", "t1", "t2", List.of()))).isEqualTo(new Rotation.Rotated(grant));
        await(new RedisGrantRevocations(server.client(vertx)).revoke("family-5", Duration.ofMinutes(5)));
        assertThat(await(families.issueUnlessRevoked("family-5", "t1", grant, Duration.ofMinutes(5)))).isFalse();
    }

    @Test
    void grantRevocationsExpire(Vertx vertx) throws Exception {
        Redis redis = server.client(vertx);
        RedisGrantRevocations revocations = new RedisGrantRevocations(redis);
        assertThat(await(revocations.isRevoked("g1"))).isFalse();
        await(revocations.revoke("g1", Duration.ofMinutes(6)));
        assertThat(await(revocations.isRevoked("g1"))).isTrue();
        assertThat(TestRedis.call(redis, Command.PTTL, RedisOpKeys.revokedGrant("g1")).toLong()).isBetween(300_000L, 360_000L);
    }

    @Test
    void aPersonKeyIsRecordedOnceWithoutExpiry(Vertx vertx) throws Exception {
        Redis redis = server.client(vertx);
        RedisPersonKeyStore store = new RedisPersonKeyStore(redis);
        CertificateId certificate = new CertificateId("sim:a", BigInteger.valueOf(0x1a2b));
        assertThat(await(store.find(certificate))).isEmpty();
        List<String> raced = await(Future.all(store.putIfAbsent(certificate, "first"), store.putIfAbsent(certificate, "second")))
                .list();
        assertThat(raced).containsOnly(raced.get(0));
        assertThat(await(store.find(certificate))).contains(raced.get(0));
        String key = RedisOpKeys.personKey("sim:a/1a2b");
        assertThat(key).doesNotContain("1a2b");
        assertThat(TestRedis.call(redis, Command.PTTL, key).toLong()).isEqualTo(-1L);
    }

    // The stores of the consent slice: approvals per person, account sessions, grant revocations.

    private static Approval approval(String client, String... scopes) {
        return Approval.of(client, new RequestedSharing(Set.of(scopes), Set.of("verified_claims", "verified_claims.name")),
                T0, Duration.ofDays(365));
    }

    @Test
    void approvalsLiveInOneHashPerPersonReplaceAndDeleteWithoutShorteningTheTtl(Vertx vertx, VertxTestContext test) {
        Redis redis = server.client(vertx);
        RedisApprovalStore store = new RedisApprovalStore(redis);
        String person = "sim:auth-2026/1f";
        store.save(person, approval("bank", "openid"), Duration.ofDays(365))
                .compose(v -> store.save(person, approval("bank", "openid", "name"), Duration.ofDays(1)))
                .compose(v -> store.save(person, approval("broker", "openid"), Duration.ofDays(30)))
                .compose(v -> Future.all(store.find(person, "bank"), store.list(person), store.find("someone else", "bank"),
                        redis.send(Request.cmd(Command.PTTL, RedisOpKeys.approvals(person)))))
                .compose(all -> {
                    test.verify(() -> {
                        assertThat(all.<java.util.Optional<Approval>>resultAt(0)).contains(approval("bank", "openid", "name"));
                        assertThat(all.<java.util.List<Approval>>resultAt(1)).extracting(Approval::clientId)
                                .containsExactlyInAnyOrder("bank", "broker");
                        assertThat(all.<java.util.Optional<Approval>>resultAt(2)).isEmpty();
                        assertThat(all.<io.vertx.redis.client.Response>resultAt(3).toLong())
                                .isGreaterThan(Duration.ofDays(364).toMillis());
                        assertThat(RedisOpKeys.approvals(person)).doesNotContain("sim:auth", "1f}");
                    });
                    return Future.all(store.delete(person, "bank"), store.delete(person, "bank"));
                })
                .compose(deleted -> {
                    test.verify(() -> assertThat(java.util.List.of(deleted.<Boolean>resultAt(0), deleted.<Boolean>resultAt(1)))
                            .containsExactlyInAnyOrder(true, false));
                    return store.list(person);
                })
                .onComplete(test.succeeding(left -> {
                    test.verify(() -> assertThat(left).extracting(Approval::clientId).containsExactly("broker"));
                    test.completeNow();
                }));
    }

    @Test
    void accountSessionsAreKeptByTheHashOfTheirIdForTheirTtl(Vertx vertx, VertxTestContext test) {
        Redis redis = server.client(vertx);
        RedisAccountSessionStore store = new RedisAccountSessionStore(redis);
        AccountSession session = new AccountSession("sim:auth-2026/20", T0, T0.plus(Duration.ofMinutes(10)));
        String id = "session-id-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        store.create(id, session, Duration.ofMinutes(10))
                .compose(v -> store.create(id, session, Duration.ofMinutes(10)).transform(ar -> Future.succeededFuture(ar.failed())))
                .compose(collision -> {
                    test.verify(() -> assertThat(collision).isTrue());
                    return Future.all(store.find(id), store.find("other"),
                            redis.send(Request.cmd(Command.PTTL, RedisOpKeys.accountSession(id))));
                })
                .onComplete(test.succeeding(all -> {
                    test.verify(() -> {
                        assertThat(all.<java.util.Optional<AccountSession>>resultAt(0)).contains(session);
                        assertThat(all.<java.util.Optional<AccountSession>>resultAt(1)).isEmpty();
                        assertThat(all.<io.vertx.redis.client.Response>resultAt(2).toLong()).isBetween(1L, 600_000L);
                        assertThat(RedisOpKeys.accountSession(id)).doesNotContain(id);
                    });
                    test.completeNow();
                }));
    }

    @Test
    void grantRevocationsKeepTheLatestInstant(Vertx vertx, VertxTestContext test) {
        RedisApprovalWithdrawalStore store = new RedisApprovalWithdrawalStore(server.client(vertx));
        store.record("bank", "sub-1", T0.plusSeconds(60), Duration.ofDays(90))
                .compose(v -> store.record("bank", "sub-1", T0, Duration.ofDays(90)))
                .compose(v -> Future.all(store.revokedAt("bank", "sub-1"), store.revokedAt("bank", "sub-2"),
                        store.revokedAt("broker", "sub-1")))
                .onComplete(test.succeeding(all -> {
                    test.verify(() -> {
                        assertThat(all.<java.util.Optional<Instant>>resultAt(0)).contains(T0.plusSeconds(60));
                        assertThat(all.<java.util.Optional<Instant>>resultAt(1)).isEmpty();
                        assertThat(all.<java.util.Optional<Instant>>resultAt(2)).isEmpty();
                    });
                    test.completeNow();
                }));
    }
}
