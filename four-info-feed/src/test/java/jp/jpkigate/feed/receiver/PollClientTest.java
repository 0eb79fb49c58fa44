package jp.jpkigate.feed.receiver;

import static jp.jpkigate.feed.set.SetFixtures.BANK;
import static jp.jpkigate.feed.set.SetFixtures.BANK_EC;
import static jp.jpkigate.feed.set.SetFixtures.NOW;
import static jp.jpkigate.feed.set.SetFixtures.OP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jp.jpkigate.feed.set.IssuedSet;
import jp.jpkigate.feed.set.SetFixtures;
import jp.jpkigate.feed.set.SetIssuer;
import jp.jpkigate.testing.MutableClock;
import jp.jpkigate.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** RFC 8936 poll: SETs verified in order, acknowledged (duplicates too) or reported in setErrs with the next poll. */
@ExtendWith(VertxExtension.class)
class PollClientTest {
    @Test
    void pollsAcknowledgesAndReportsErrors(Vertx vertx) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        SetIssuer issuer = SetFixtures.issuer(clock);
        IssuedSet first = issuer.issue(BANK, BANK_EC.toPublicJWK(), SetFixtures.moved(), Optional.empty());
        IssuedSet wrongAudience = issuer.issue("carrier", BANK_EC.toPublicJWK(), SetFixtures.moved(), Optional.empty());
        List<JsonObject> requests = new ArrayList<>();
        AtomicReference<JsonObject> answer = new AtomicReference<>(new JsonObject().put("sets", new JsonObject()
                .put(first.jti(), first.token()).put(wrongAudience.jti(), wrongAudience.token())).put("moreAvailable", true));
        HttpServer op = TestRedis.await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            requests.add(body.toJsonObject().put("authorization", req.getHeader("Authorization")).put("dpop", req.getHeader("DPoP")));
            req.response().putHeader("Content-Type", "application/json").end(answer.get().encode());
        })).listen(0, "127.0.0.1"));
        EventInbox inbox = ReceiverHarness.inbox(clock, OpKeys.fixed(new JWKSet(OP_KEY)));
        PollClient poll = new PollClient(WebClient.create(vertx), URI.create("http://127.0.0.1:" + op.actualPort() + "/poll"), inbox, 10);

        PollClient.PollResult result = TestRedis.await(poll.poll(Map.of("Authorization", "DPoP at-1", "DPoP", "proof-1")));
        assertThat(result).isEqualTo(new PollClient.PollResult(1, 0, 1, true));
        assertThat(requests.get(0).getMap()).containsEntry("ack", List.of()).containsEntry("maxEvents", 10)
                .containsEntry("returnImmediately", true).containsEntry("authorization", "DPoP at-1").containsEntry("dpop", "proof-1")
                .doesNotContainKey("setErrs");
        assertThat(inbox.events()).hasSize(1);

        // The OP redelivers the first SET (no ack yet seen): a duplicate, acknowledged again.
        answer.set(new JsonObject().put("sets", new JsonObject().put(first.jti(), first.token())).put("moreAvailable", false));
        assertThat(TestRedis.await(poll.poll(Map.of("Authorization", "Bearer at-2")))).isEqualTo(new PollClient.PollResult(0, 1, 0, false));
        JsonObject second = requests.get(1);
        assertThat(second.getJsonArray("ack").getList()).containsExactly(first.jti());
        assertThat(second.getJsonObject("setErrs").getJsonObject(wrongAudience.jti()).getString("err")).isEqualTo("invalid_audience");
        assertThat(poll.pendingAcknowledgements()).containsExactly(first.jti());

        answer.set(new JsonObject().put("sets", new JsonObject()));
        TestRedis.await(poll.poll(Map.of()));
        assertThat(requests.get(2).getJsonArray("ack").getList()).containsExactly(first.jti());
        assertThat(requests.get(2).containsKey("setErrs")).isFalse();
        assertThat(poll.pendingAcknowledgements()).isEmpty();
        assertThat(inbox.events()).hasSize(1);
    }
}
