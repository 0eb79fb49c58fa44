package jp.jpkigate.consent.store.redis;

import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import jp.jpkigate.consent.invitation.Invitation;
import jp.jpkigate.consent.invitation.InvitationLinks;
import jp.jpkigate.consent.record.BusinessStatus;
import jp.jpkigate.consent.record.ConsentEvidence;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.consent.record.ConsentState;
import jp.jpkigate.consent.record.Registration;
import jp.jpkigate.consent.store.ConsentChangeLog;
import jp.jpkigate.consent.store.ConsentStore;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisConsentStoresTest {
    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static TestRedis server;
    private static Vertx vertx;
    private static Redis redis;

    private final MutableClock clock = new MutableClock(T0);
    private final RedisInvitationStore invitations = new RedisInvitationStore(redis, clock);
    private final RedisConsentStore consents = new RedisConsentStore(redis);
    private final RedisConsentChangeLog changes = new RedisConsentChangeLog(redis);

    @BeforeAll
    static void start() throws Exception {
        server = TestRedis.start();
        vertx = Vertx.vertx();
        redis = server.client(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        server.close();
    }

    private static Invitation invitation(String client, String customer) {
        return new Invitation(InvitationLinks.newId(RANDOM), client, customer,
                List.of(FourInformationItem.ADDRESS, FourInformationItem.NAME), "住所変更の確認", T0, T0.plus(Duration.ofDays(30)));
    }

    private static ConsentRecord signed(Invitation invitation, String person) {
        ConsentEvidence evidence = new ConsentEvidence("{}".getBytes(), new byte[] {1, 2}, "sim:sign_ca",
                BigInteger.valueOf(0x1234), Optional.of(new byte[] {9}), "valid", T0);
        return ConsentRecord.signed(invitation, person, T0.plusSeconds(60), evidence);
    }

    @Test
    void aBatchOfTenThousandIsStoredAndEachCustomerPointsAtItsInvitation() throws Exception {
        List<Invitation> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(invitation("bank-a", "C" + i));
        }
        await(invitations.saveAll(batch, Duration.ofDays(30)));

        for (int i : new int[] {0, 4_999, 9_999}) {
            assertThat(await(invitations.find(batch.get(i).id()))).contains(batch.get(i));
            assertThat(await(invitations.latestFor("bank-a", "C" + i))).contains(batch.get(i).id());
        }
        assertThat(await(invitations.latestFor("bank-b", "C1"))).isEmpty();
        long ttl = TestRedis.call(redis, Command.PTTL, RedisConsentKeys.consent(batch.get(0).id())).toLong();
        assertThat(Duration.ofMillis(ttl)).isBetween(Duration.ofDays(59), Duration.ofDays(60));
    }

    @Test
    void anInvitationIsUsedOnceAndTheConsentOutlivesIt() throws Exception {
        Invitation invitation = invitation("bank-a", "U1");
        await(invitations.saveAll(List.of(invitation), Duration.ofDays(1)));
        ConsentRecord first = signed(invitation, "person-1");

        assertThat(await(consents.create(first))).isEqualTo(new ConsentStore.Created(first));
        assertThat(await(consents.create(signed(invitation, "person-2"))))
                .isEqualTo(new ConsentStore.AlreadyUsed(first));
        assertThat(await(consents.find(invitation.id()))).contains(first);
        assertThat(await(consents.consentFor("bank-a", "U1"))).contains(invitation.id());
        assertThat(TestRedis.call(redis, Command.PTTL, RedisConsentKeys.consent(invitation.id())).toLong()).isEqualTo(-1);
        assertThat(TestRedis.call(redis, Command.PTTL, RedisConsentKeys.customer("bank-a", "U1")).toLong()).isEqualTo(-1);
    }

    @Test
    void aConsentForAnUnknownInvitationIsRefused() throws Exception {
        assertThat(await(consents.create(signed(invitation("bank-a", "X"), "p")))).isEqualTo(new ConsentStore.UnknownInvitation());
    }

    @Test
    void updatesAreCompareAndSet() throws Exception {
        Invitation invitation = invitation("bank-a", "U2");
        await(invitations.saveAll(List.of(invitation), Duration.ofDays(1)));
        ConsentRecord signed = signed(invitation, "person-1");
        await(consents.create(signed));
        ConsentRecord active = signed.registered(new Registration("R1", T0.plusSeconds(61), LocalDate.parse("2036-11-23")));

        assertThat(await(consents.update(signed, active))).isTrue();
        assertThat(await(consents.update(signed, signed.replaced()))).isFalse();
        ConsentRecord stored = await(consents.find(invitation.id())).orElseThrow();
        assertThat(stored.state()).isEqualTo(ConsentState.ACTIVE);
        assertThat(stored.evidence().certificate()).isEmpty();
        assertThat(BusinessStatus.of(stored, T0)).isEqualTo(BusinessStatus.ACTIVE);
        assertThat(BusinessStatus.of(stored, Instant.parse("2036-11-23T14:59:59Z"))).isEqualTo(BusinessStatus.ACTIVE);
        assertThat(BusinessStatus.of(stored, Instant.parse("2036-11-23T15:00:00Z"))).isEqualTo(BusinessStatus.EXPIRED);
    }

    @Test
    void itemDigestsAreKeptThroughEveryChangeAndComparedBySet() throws Exception {
        Invitation invitation = invitation("bank-a", "U3");
        await(invitations.saveAll(List.of(invitation), Duration.ofDays(1)));
        java.util.Map<FourInformationItem, String> digests = java.util.Map.of(FourInformationItem.NAME, "n1",
                FourInformationItem.ADDRESS, "a1");
        ConsentRecord signed = signed(invitation, "person-1").withItemDigests(digests);
        await(consents.create(signed));
        ConsentRecord active = signed.registered(new Registration("R3", T0.plusSeconds(61), LocalDate.parse("2036-11-23")));
        assertThat(await(consents.update(signed, active))).isTrue();

        ConsentRecord stored = await(consents.find(invitation.id())).orElseThrow();
        assertThat(stored).isEqualTo(active);
        assertThat(stored.itemDigests()).isEqualTo(digests);
        ConsentRecord moved = stored.withItemDigests(java.util.Map.of(FourInformationItem.NAME, "n1", FourInformationItem.ADDRESS, "a2"));
        assertThat(await(consents.update(stored, moved))).isTrue();
        assertThat(await(consents.update(stored, moved))).as("compare-and-set sees the digests").isFalse();
        assertThat(await(consents.find(invitation.id())).orElseThrow().itemDigests()).containsEntry(FourInformationItem.ADDRESS, "a2");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> signed.withItemDigests(
                java.util.Map.of(FourInformationItem.GENDER, "g")))).as("only consented items").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPersonHasOneConsentPerBusiness() throws Exception {
        assertThat(await(consents.indexForPerson("person-9", "bank-a", "c1"))).isEmpty();
        assertThat(await(consents.indexForPerson("person-9", "bank-a", "c1"))).isEmpty();
        assertThat(await(consents.indexForPerson("person-9", "bank-a", "c2"))).contains("c1");
        await(consents.indexForPerson("person-9", "carrier-b", "c3"));
        assertThat(await(consents.consentsOfPerson("person-9"))).containsOnly(
                java.util.Map.entry("bank-a", "c2"), java.util.Map.entry("carrier-b", "c3"));
        assertThat(await(consents.consentsOfPerson("someone-else"))).isEmpty();
    }

    @Test
    void changesAreReadInOrderFromACursor() throws Exception {
        for (int i = 0; i < 5; i++) {
            await(changes.append("bank-c", new ConsentChangeLog.Change("c" + i, "N" + i, BusinessStatus.ACTIVE,
                    T0.plusSeconds(i), i == 4 ? Optional.of("replaced") : Optional.empty())));
        }
        await(changes.append("bank-d", new ConsentChangeLog.Change("d", "N", BusinessStatus.PENDING, T0, Optional.empty())));

        ConsentChangeLog.Page first = await(changes.since("bank-c", Optional.empty(), 3));
        assertThat(first.entries()).extracting(e -> e.change().consentId()).containsExactly("c0", "c1", "c2");
        ConsentChangeLog.Page rest = await(changes.since("bank-c", Optional.of(first.next()), 10));
        assertThat(rest.entries()).extracting(e -> e.change().consentId()).containsExactly("c3", "c4");
        assertThat(rest.entries().get(1).change().reason()).contains("replaced");
        ConsentChangeLog.Page none = await(changes.since("bank-c", Optional.of(rest.next()), 10));
        assertThat(none.entries()).isEmpty();
        assertThat(none.next()).isEqualTo(rest.next());
        assertThatThrownBy(() -> await(changes.since("bank-c", Optional.of("x; FLUSHALL"), 10)))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
