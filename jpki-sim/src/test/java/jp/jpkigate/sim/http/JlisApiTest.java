package jp.jpkigate.sim.http;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import jp.jpkigate.sim.consent.SignedConsents;
import jp.jpkigate.sim.registry.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Base of the J-LIS API tests: a fresh {@link JlisApi} and a resident with a card for each test. */
@ExtendWith(VertxExtension.class)
abstract class JlisApiTest {
    JlisApi api;
    Device card;

    @BeforeEach
    void start(Vertx vertx) {
        api = new JlisApi(vertx);
        card = SignedConsents.issue(api.registry, "山田");
    }

    @AfterEach
    void stop() {
        api.close();
    }
}
