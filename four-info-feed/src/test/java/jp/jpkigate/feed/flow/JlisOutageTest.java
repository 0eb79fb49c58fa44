package jp.jpkigate.feed.flow;

import static jp.jpkigate.feed.flow.FeedWorld.map;
import static jp.jpkigate.testing.TestRedis.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import java.time.Duration;
import jp.jpkigate.consent.record.ConsentRecord;
import jp.jpkigate.feed.flow.FeedWorld.Business;
import jp.jpkigate.feed.set.FourInformationChanged;
import jp.jpkigate.idp.approval.FourInformationItem;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.http.SimHttpServer;
import jp.jpkigate.sim.http.SimPublisherSources;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.Device;
import org.junit.jupiter.api.Test;

/**
 * J-LIS's 4-information provision API goes away (its port closed: connection refused) after a
 * consenting person moved: the feed keeps the task and asks again after its backoff, nothing reaches
 * the business meanwhile and nothing is given up; once J-LIS answers again on the same port, the next
 * due run provisions and the business gets exactly one event with the new address, dated when the
 * revocation was seen (not when J-LIS answered). Time is the world's clock, moved by the test.
 */
class JlisOutageTest {
    private static final String HOME = "東京都新宿区西新宿二丁目８番１号";
    private static final String NEW_HOME = "大阪府大阪市北区中之島一丁目３番２０号";

    @Test
    void whileJlisIsDownTheProvisionIsRetriedAndTheEventArrivesOnceWhenItIsBack() throws Exception {
        try (FeedWorld world = new FeedWorld()) {
            outageAndRecovery(world);
        }
    }

    private static void outageAndRecovery(FeedWorld world) throws Exception {
        HttpServer jlis = await(jlis(world).listen(0, "127.0.0.1"));
        int port = jlis.actualPort();
        Business bank = world.business("bank");
        FeedLink link = world.link(FeedWorld.clients(bank), "replica-a", FeedWorld.options(), "http://127.0.0.1:" + port);
        Device card = world.person(HOME);
        CertId before = card.signature();
        ConsentRecord consent = world.consent(card, bank, "J-1", FourInformationItem.NAME, FourInformationItem.ADDRESS);
        assertThat(await(link.follow())).isPositive();

        await(jlis.close());
        world.sim.registry().life().move(card.personId(), new Municipality("Osaka", "Kita-ku"), NEW_HOME);
        world.sim.save();
        world.streamRevocation(before);
        java.time.Instant seen = world.clock.instant();
        assertThat(await(link.detect())).isEqualTo(1);
        assertThat(await(link.provision())).as("asked J-LIS, which is down").isEqualTo(1);
        assertThat(world.received(bank)).isEmpty();
        assertThat(await(link.queue().due(world.clock.instant(), 10))).as("not asked again before the backoff").isEmpty();
        world.clock.advance(Duration.ofHours(1));
        assertThat(await(link.provision())).as("asked again, still down").isEqualTo(1);
        assertThat(world.received(bank)).isEmpty();

        jlis = await(jlis(world).listen(port, "127.0.0.1"));
        try {
            world.clock.advance(Duration.ofHours(6));
            assertThat(await(link.provision())).isEqualTo(1);
            String name = world.sim.registry().person(card.personId()).fourInfo().name();
            assertThat(world.received(bank)).containsExactly(new FourInformationChanged(consent.id(), "J-1",
                    java.util.EnumSet.of(FourInformationItem.ADDRESS),
                    map(FourInformationItem.NAME, name, FourInformationItem.ADDRESS, NEW_HOME), java.util.Set.of(), seen));
            assertThat(await(link.queue().due(world.clock.instant().plus(Duration.ofDays(400)), 10))).isEmpty();
            assertThat(await(link.provision())).isZero();
            assertThat(world.received(bank)).isEmpty();
        } finally {
            await(jlis.close());
        }
    }

    /** J-LIS as the simulator serves it (the world's registry and consents), on a server of this test's own. */
    private static HttpServer jlis(FeedWorld world) {
        return world.vertx.createHttpServer().requestHandler(SimHttpServer.routes(world.vertx,
                SimPublisherSources.of(world.sim.registry(), world.jlisRegistry, world.clock)));
    }
}
