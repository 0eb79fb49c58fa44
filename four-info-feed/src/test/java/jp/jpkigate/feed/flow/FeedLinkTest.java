package jp.jpkigate.feed.flow;

import static jp.jpkigate.feed.flow.FeedWorld.map;
import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.feed.detect.CertificateRef;
import jp.jpkigate.feed.detect.JlisCaDirectory;
import jp.jpkigate.feed.detect.RevocationDetector;
import jp.jpkigate.feed.detect.RevocationFeed;
import jp.jpkigate.feed.detect.WatchList;
import jp.jpkigate.feed.detect.redis.RedisRevocationFeed;
import jp.jpkigate.feed.flow.FeedWorld.Business;
import jp.jpkigate.feed.set.ConsentWithdrawn;
import jp.jpkigate.feed.set.FourInformationChanged;
import jp.jpkigate.feed.set.SecurityEvent;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.revocation.store.StreamedChange;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.revocation.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "done when" for detect-and-fetch, at module level ({@link FeedWorld}): a move of a consenting
 * person reaches exactly the consenting businesses with only their consented items; DV protection withholds the
 * address; a revocation without a new certificate is retried until the renewal; a withdrawal stops delivery; the
 * status check finds what the stream missed; a crash between reading the stream and acknowledging processes once;
 * a business publishing its keys at a {@code jwks_uri} ({@link JwksServer}) gets its events, which wait while it is down.
 */
class FeedLinkTest {
    private static final String HOME = "東京都新宿区西新宿二丁目８番１号";
    private static final String NEW_HOME = "大阪府大阪市北区中之島一丁目３番２０号";
    private static final Municipality OSAKA = new Municipality("Osaka", "Kita-ku");

    private static FeedWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = new FeedWorld();
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    private static void move(Device card) {
        world.sim.registry().life().move(card.personId(), OSAKA, NEW_HOME);
        world.sim.save();
    }

    /** A bank with a feed, a person, their consent to it for {@code items}, followed. */
    private record OneConsent(Business bank, FeedLink link, Device card, ConsentRecord consent) {
    }

    private static OneConsent oneConsent(String replica, String customer, FourInformationItem... items) throws Exception {
        Business bank = world.business("bank");
        FeedLink link = world.link(FeedWorld.clients(bank), replica, FeedWorld.options());
        Device card = world.person(HOME);
        ConsentRecord consent = world.consent(card, bank, customer, items);
        await(link.follow());
        return new OneConsent(bank, link, card, consent);
    }

    /** Stream read, then every due task. */
    private static int detectAndProvision(FeedLink link) throws Exception {
        await(link.detect());
        return await(link.provision());
    }

    @Test
    void aMoveReachesEachConsentingBusinessWithOnlyItsItemsAndNobodyElse() throws Exception {
        Business nameAndAddress = world.business("bank");
        Business birthdateOnly = world.business("insurer");
        Business noConsent = world.business("carrier");
        FeedLink link = world.link(FeedWorld.clients(nameAndAddress, birthdateOnly, noConsent), "replica-a", FeedWorld.options());
        Device card = world.person(HOME);
        CertId before = card.signature();
        ConsentRecord bank = world.consent(card, nameAndAddress, "B-1", FourInformationItem.NAME, FourInformationItem.ADDRESS);
        ConsentRecord insurer = world.consent(card, birthdateOnly, "I-1", FourInformationItem.BIRTHDATE);
        assertThat(await(link.follow())).isEqualTo(4);
        CertificateRef followed = new CertificateRef(bank.evidence().certificateIssuer(), before.serial());
        assertThat(await(link.watches().watchers(followed))).containsExactlyInAnyOrder(bank.id(), insurer.id());

        move(card);
        world.streamRevocation(before);
        assertThat(await(link.detect())).isEqualTo(2);
        assertThat(await(link.provision())).isEqualTo(2);

        String name = world.sim.registry().person(card.personId()).fourInfo().name();
        assertThat(world.received(nameAndAddress)).containsExactly(new FourInformationChanged(bank.id(), "B-1",
                EnumSet.of(FourInformationItem.ADDRESS), map(FourInformationItem.NAME, name, FourInformationItem.ADDRESS, NEW_HOME),
                Set.of(), world.clock.instant()));
        assertThat(world.received(birthdateOnly)).as("nothing it consented to changed").isEmpty();
        assertThat(world.received(noConsent)).isEmpty();
        // both now follow the new certificate; the bank's address digest is the new one
        CertId after = world.current(card).signature();
        assertThat(after).isNotEqualTo(before);
        assertThat(await(link.watches().find(bank.id())).orElseThrow().certificate()).contains(
                new CertificateRef(followed.anchorId(), after.serial()));
        assertThat(await(link.watches().find(insurer.id())).orElseThrow().certificate().orElseThrow().serial())
                .isEqualTo(after.serial());
        assertThat(await(world.consents.find(bank.id())).orElseThrow().itemDigests())
                .containsEntry(FourInformationItem.ADDRESS, world.digester.digest(FourInformationItem.ADDRESS, NEW_HOME));
        assertThat(await(link.queue().due(world.clock.instant().plus(Duration.ofDays(400)), 10))).isEmpty();
        // the same revocation read again (another replica's replay) changes nothing
        world.streamRevocation(before);
        assertThat(detectAndProvision(link)).isZero();
        assertThat(world.received(nameAndAddress)).isEmpty();
    }

    @Test
    void underDvProtectionTheAddressIsWithheld() throws Exception {
        OneConsent one = oneConsent("replica-a", "B-2", FourInformationItem.NAME, FourInformationItem.ADDRESS);
        world.sim.registry().life().protect(one.card().personId(), true);
        move(one.card());
        world.streamRevocation(one.card().signature());

        assertThat(detectAndProvision(one.link())).isEqualTo(1);

        List<SecurityEvent> events = world.received(one.bank());
        assertThat(events).hasSize(1);
        FourInformationChanged event = (FourInformationChanged) events.get(0);
        assertThat(event.changed()).containsExactly(FourInformationItem.ADDRESS);
        assertThat(event.withheld()).containsExactly(FourInformationItem.ADDRESS);
        assertThat(event.values()).containsOnlyKeys(FourInformationItem.NAME);
        assertThat(await(world.consents.find(one.consent().id())).orElseThrow().itemDigests())
                .as("a withheld item keeps the digest it had").isEqualTo(one.consent().itemDigests());
    }

    @Test
    void aRevocationWithoutANewCertificateIsRetriedUntilTheRenewal() throws Exception {
        OneConsent one = oneConsent("replica-a", "B-3", FourInformationItem.ADDRESS);
        CertId revoked = one.card().signature();
        world.sim.registry().life().revoke(revoked, Reason.AFFILIATION_CHANGED);
        world.streamRevocation(revoked);

        assertThat(detectAndProvision(one.link())).isEqualTo(1);
        assertThat(world.received(one.bank())).isEmpty();
        assertThat(await(one.link().queue().due(world.clock.instant(), 10))).as("not due before the backoff").isEmpty();
        world.clock.advance(Duration.ofHours(1));
        assertThat(await(one.link().provision())).isEqualTo(1);
        assertThat(world.received(one.bank())).isEmpty();

        move(one.card()); // the person moved meanwhile: no signature certificate to replace
        world.sim.registry().life().renew(one.card().id());
        world.sim.save();
        world.clock.advance(Duration.ofHours(6));
        assertThat(await(one.link().provision())).isEqualTo(1);

        assertThat(world.received(one.bank())).singleElement().isInstanceOfSatisfying(FourInformationChanged.class, e -> {
            assertThat(e.changed()).containsExactly(FourInformationItem.ADDRESS);
            assertThat(e.values()).isEqualTo(map(FourInformationItem.ADDRESS, NEW_HOME));
            assertThat(e.consentId()).isEqualTo(one.consent().id());
        });
        assertThat(await(one.link().watches().find(one.consent().id())).orElseThrow().certificate().orElseThrow().serial())
                .isEqualTo(world.current(one.card()).signature().serial());
    }

    @Test
    void withoutANewCertificateForLongerThanTheLimitTheConsentIsNoLongerFollowed() throws Exception {
        OneConsent one = oneConsent("replica-a", "B-4", FourInformationItem.ADDRESS);
        world.sim.registry().life().revoke(one.card().signature(), Reason.AFFILIATION_CHANGED);
        world.streamRevocation(one.card().signature());
        assertThat(detectAndProvision(one.link())).isEqualTo(1);

        world.clock.advance(Duration.ofDays(30));
        assertThat(await(one.link().provision())).isEqualTo(1);

        assertThat(await(one.link().watches().find(one.consent().id()))).isEmpty();
        assertThat(await(one.link().queue().due(world.clock.instant().plus(Duration.ofDays(400)), 10))).isEmpty();
        assertThat(world.received(one.bank())).isEmpty();
    }

    @Test
    void aWithdrawalDropsWhatIsUndeliveredSendsOneWithdrawalAndStopsTheFeed() throws Exception {
        OneConsent one = oneConsent("replica-a", "B-5", FourInformationItem.ADDRESS);
        CertId first = one.card().signature();
        move(one.card());
        world.streamRevocation(first);
        assertThat(detectAndProvision(one.link())).isEqualTo(1);
        assertThat(await(world.outbox.depth(one.bank().id()))).isEqualTo(1);

        world.withdraw(one.consent());
        assertThat(await(one.link().follow())).isEqualTo(1);

        assertThat(world.received(one.bank())).containsExactly(new ConsentWithdrawn(one.consent().id(), "B-5", world.clock.instant()));
        CertId second = world.current(one.card()).signature();
        world.sim.registry().life().move(one.card().personId(), new Municipality("Tokyo", "Chiyoda-ku"), "東京都千代田区千代田一番一号");
        world.streamRevocation(second);
        assertThat(detectAndProvision(one.link())).isZero();
        assertThat(await(one.link().checkStatus())).isZero();
        assertThat(await(one.link().follow())).isZero();
        // a replay of the whole change log (cursor lost) announces nothing twice
        await(world.redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL,
                "{jpkigate:feed:detect}:cursors")));
        await(one.link().follow());
        assertThat(world.received(one.bank())).isEmpty();
        assertThat(await(one.link().watches().find(one.consent().id())).orElseThrow().state()).isEqualTo(WatchList.State.ENDED);
    }

    @Test
    void aConsentFollowedOnlyAfterItsCertificatesRevocationWasReadIsProvisionedAnyway() throws Exception {
        Business bank = world.business("bank");
        FeedLink link = world.link(FeedWorld.clients(bank), "replica-a", FeedWorld.options());
        Device card = world.person(HOME);
        CertId signed = card.signature();
        ConsentRecord consent = world.consent(card, bank, "B-7", FourInformationItem.ADDRESS);
        move(card);
        world.streamRevocation(signed);
        assertThat(await(link.detect())).as("nobody follows the certificate yet").isZero();

        assertThat(await(link.follow())).isEqualTo(2);
        assertThat(await(link.provision())).as("the follower found the revocation").isEqualTo(1);

        assertThat(world.received(bank)).singleElement().extracting(SecurityEvent::consentId).isEqualTo(consent.id());
    }

    @Test
    void theStatusCheckFindsARevocationTheStreamMissed() throws Exception {
        OneConsent one = oneConsent("replica-a", "B-6", FourInformationItem.ADDRESS);
        assertThat(await(one.link().checkStatus())).isZero();
        move(one.card()); // never appended to the stream

        assertThat(await(one.link().checkStatus())).isEqualTo(1);
        assertThat(await(one.link().checkStatus())).as("one task per consent").isZero();
        assertThat(await(one.link().provision())).isEqualTo(1);

        assertThat(world.received(one.bank())).singleElement().extracting(SecurityEvent::consentId).isEqualTo(one.consent().id());
    }

    @Test
    void aCrashBetweenReadingTheStreamAndAcknowledgingProcessesTheRevocationOnce() throws Exception {
        OneConsent one = oneConsent("replica-b", "B-7", FourInformationItem.ADDRESS);
        move(one.card());
        world.streamRevocation(one.card().signature());
        RevocationFeed real = new RedisRevocationFeed(world.redis, FeedWorld.REVOCATION, "replica-crashing");
        RevocationFeed crashing = new RevocationFeed() {
            @Override
            public Future<List<StreamedChange>> next(int max) {
                return real.next(max);
            }

            @Override
            public Future<Void> ack(List<String> ids) {
                return Future.failedFuture(new IllegalStateException("crashed before the acknowledgement"));
            }
        };
        RevocationDetector crashed = new RevocationDetector(crashing, new JlisCaDirectory(WebClient.create(world.vertx),
                world.jlisBase, Duration.ofSeconds(5), world.anchors), one.link().watches(), one.link().queue(), world.clock, 100);
        assertThatThrownBy(() -> await(crashed.runOnce())).hasRootCauseMessage("crashed before the acknowledgement");

        assertThat(await(one.link().detect())).as("taken over, already a task").isZero();
        assertThat(await(one.link().detect())).as("acknowledged now").isZero();
        assertThat(await(one.link().provision())).isEqualTo(1);
        assertThat(world.received(one.bank())).singleElement().extracting(SecurityEvent::consentId).isEqualTo(one.consent().id());
    }

    /** A bank publishing its keys at a jwks_uri of {@code keys} (started), a person, their consent for the address, followed. */
    private static OneConsent jwksUriConsent(JwksServer keys, String customer) throws Exception {
        Business bank = world.business("bank");
        FeedLink link = world.link(FeedWorld.registry(FeedWorld.publishing(bank, keys.publish(bank))), "replica-a",
                FeedWorld.options());
        Device card = world.person(HOME);
        ConsentRecord consent = world.consent(card, bank, customer, FourInformationItem.ADDRESS);
        await(link.follow());
        return new OneConsent(bank, link, card, consent);
    }

    /** The same, then its jwks_uri goes down and the person moves (the revocation streamed). */
    private static OneConsent movedWhileTheJwksUriIsDown(JwksServer keys, String customer) throws Exception {
        OneConsent one = jwksUriConsent(keys, customer);
        keys.stop();
        move(one.card());
        world.streamRevocation(one.card().signature());
        return one;
    }

    @Test
    void aBusinessPublishingItsKeysAtAJwksUriGetsTheChangeEncryptedToThePublishedKey() throws Exception {
        JwksServer keys = new JwksServer(world.vertx).start();
        OneConsent one = jwksUriConsent(keys, "U-1");
        move(one.card());
        world.streamRevocation(one.card().signature());

        assertThat(detectAndProvision(one.link())).isEqualTo(1);

        // decrypted with the business's private key: encrypted to the key published at its jwks_uri
        assertThat(world.received(one.bank())).singleElement().isInstanceOfSatisfying(FourInformationChanged.class, e -> {
            assertThat(e.consentId()).isEqualTo(one.consent().id());
            assertThat(e.values()).isEqualTo(map(FourInformationItem.ADDRESS, NEW_HOME));
        });
        keys.stop();
    }

    @Test
    void whileTheJwksUriIsDownTheChangeIsRetriedAndArrivesOnceItIsBack() throws Exception {
        JwksServer keys = new JwksServer(world.vertx).start();
        OneConsent one = movedWhileTheJwksUriIsDown(keys, "U-2");

        assertThat(detectAndProvision(one.link())).isEqualTo(1);
        assertThat(world.received(one.bank())).isEmpty();
        assertThat(await(world.consents.find(one.consent().id())).orElseThrow().itemDigests())
                .as("nothing stored: the provision is done again").isEqualTo(one.consent().itemDigests());
        assertThat(await(one.link().watches().find(one.consent().id())).orElseThrow().certificate().orElseThrow().serial())
                .as("the watch has not moved").isEqualTo(one.card().signature().serial());
        assertThat(await(one.link().queue().due(world.clock.instant(), 10))).as("not before the backoff").isEmpty();
        world.clock.advance(Duration.ofHours(1));
        assertThat(await(one.link().provision())).as("retried, still down").isEqualTo(1);
        assertThat(world.received(one.bank())).isEmpty();

        keys.start();
        world.clock.advance(Duration.ofHours(2));
        assertThat(await(one.link().provision())).isEqualTo(1);

        assertThat(world.received(one.bank())).singleElement().isInstanceOfSatisfying(FourInformationChanged.class, e -> {
            assertThat(e.consentId()).isEqualTo(one.consent().id());
            assertThat(e.changed()).containsExactly(FourInformationItem.ADDRESS);
        });
        assertThat(await(one.link().queue().due(world.clock.instant().plus(Duration.ofDays(400)), 10))).isEmpty();
        assertThat(await(one.link().watches().find(one.consent().id())).orElseThrow().certificate().orElseThrow().serial())
                .isEqualTo(world.current(one.card()).signature().serial());
        keys.stop();
    }

    @Test
    void whileTheJwksUriIsDownTheWithdrawalWaitsWithoutHoldingUpOtherBusinesses() throws Exception {
        JwksServer keys = new JwksServer(world.vertx).start();
        Business bank = world.business("bank");
        Business insurer = world.business("insurer");
        FeedLink link = world.link(FeedWorld.registry(FeedWorld.publishing(bank, keys.publish(bank)), FeedWorld.inline(insurer)),
                "replica-a", FeedWorld.options());
        Device card = world.person(HOME);
        ConsentRecord atBank = world.consent(card, bank, "U-3", FourInformationItem.ADDRESS);
        ConsentRecord atInsurer = world.consent(card, insurer, "I-3", FourInformationItem.ADDRESS);
        await(link.follow());
        keys.stop();

        world.withdraw(atBank);
        world.withdraw(atInsurer);
        java.time.Instant withdrawn = world.clock.instant();
        assertThat(await(link.follow())).as("only the insurer's withdrawal").isEqualTo(1);
        assertThat(world.received(insurer)).containsExactly(new ConsentWithdrawn(atInsurer.id(), "I-3", withdrawn));
        assertThat(world.received(bank)).isEmpty();
        assertThat(await(link.watches().find(atBank.id())).orElseThrow().state()).isEqualTo(WatchList.State.ENDING);
        world.clock.advance(Duration.ofMinutes(2));
        assertThat(await(link.follow())).as("still down").isZero();

        keys.start();
        world.clock.advance(Duration.ofMinutes(2));
        assertThat(await(link.follow())).isEqualTo(1);

        assertThat(world.received(bank)).containsExactly(new ConsentWithdrawn(atBank.id(), "U-3", withdrawn));
        assertThat(await(link.watches().find(atBank.id())).orElseThrow().state()).isEqualTo(WatchList.State.ENDED);
        assertThat(await(link.follow())).isZero();
        assertThat(world.received(bank)).isEmpty();
        assertThat(world.received(insurer)).isEmpty();
        keys.stop();
    }

    @Test
    void aConsentEndedByTheProvisionWhileTheJwksUriIsDownSendsItsWithdrawalOnceItIsBack() throws Exception {
        JwksServer keys = new JwksServer(world.vertx).start();
        OneConsent one = movedWhileTheJwksUriIsDown(keys, "U-4");
        world.jlisRegistry.withdrawByPerson(one.card().personId(), one.consent().registration().orElseThrow().registryId());

        assertThat(detectAndProvision(one.link())).as("J-LIS: no longer in force").isEqualTo(1);
        assertThat(world.received(one.bank())).isEmpty();
        assertThat(await(one.link().watches().find(one.consent().id())).orElseThrow().state()).isEqualTo(WatchList.State.ENDING);
        assertThat(await(one.link().queue().due(world.clock.instant().plus(Duration.ofHours(1)), 10))).as("kept, retried")
                .hasSize(1);

        keys.start();
        world.clock.advance(Duration.ofHours(1));
        assertThat(await(one.link().provision())).isEqualTo(1);

        assertThat(world.received(one.bank())).containsExactly(new ConsentWithdrawn(one.consent().id(), "U-4",
                world.clock.instant()));
        assertThat(await(one.link().watches().find(one.consent().id())).orElseThrow().state()).isEqualTo(WatchList.State.ENDED);
        assertThat(await(one.link().queue().due(world.clock.instant().plus(Duration.ofDays(400)), 10))).isEmpty();
        keys.stop();
    }
}
