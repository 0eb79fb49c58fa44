package jp.jpkigate.revocation.web;

import static jp.jpkigate.revocation.responder.InMemoryRevocationService.key;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2025;
import static jp.jpkigate.revocation.responder.TestPki.SIGN_2026;
import static jp.jpkigate.revocation.responder.TestPki.issue;
import static jp.jpkigate.revocation.web.TestServer.base64;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MetricsEndpointTest {
    static TestServer server;

    @BeforeAll
    static void start(Vertx vertx, VertxTestContext ctx) {
        TestServer.start(vertx).onComplete(ctx.succeeding(started -> {
            server = started;
            ctx.completeNow();
        }));
    }

    /** The sub-router the gateway mounts on its public listener has no metrics: they are added to the metrics listener. */
    @Test
    void theSubRouterForThePublicListenerHasNoMetrics(Vertx vertx) throws Exception {
        Router publicOnly = RevocationRoutes.mount(Router.router(vertx), vertx, server.service, server.clients,
                server.identity, server.clock);
        HttpServer listener = TestServer.await(vertx.createHttpServer().requestHandler(publicOnly).listen(0, "127.0.0.1"));
        try {
            var metrics = TestServer.await(server.client.get(listener.actualPort(), "127.0.0.1",
                    RevocationRoutes.METRICS_PATH).send());
            assertThat(metrics.statusCode()).isEqualTo(404);
            assertThat(metrics.bodyAsString()).doesNotContain("jpki_revocation");
        } finally {
            TestServer.await(listener.close());
        }
    }

    @Test
    void prometheusTextHasPerIssuerGaugesCountersAndHitRatio() throws Exception {
        assertThat(server.get("/revocation/metrics").bodyAsString()).contains("jpki_revocation_index_hit_ratio NaN");
        server.check(new JsonObject().put("certificates", new JsonArray().add(base64(issue(SIGN_2026, 10)))
                .add(base64(issue(SIGN_2026, 11))).add(base64(issue(SIGN_2026, 12))).add(base64(issue(SIGN_2025, 1)))));
        var response = server.get("/revocation/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        String labels = "{issuer=\"" + key(SIGN_2026).keyIdHex() + "\",name=\"sign-2026\"}";
        assertThat(response.bodyAsString()).contains(
                "# TYPE jpki_revocation_issuer_entries gauge\n",
                "jpki_revocation_issuer_entries" + labels + " 2\n",
                "jpki_revocation_issuer_data_version" + labels + " 7\n",
                "jpki_revocation_issuer_data_age_seconds" + labels + " 3600\n",
                "jpki_revocation_issuer_next_update_seconds" + labels + " 86400\n",
                "jpki_revocation_issuer_data_age_seconds{issuer=\"", "name=\"auth-2026\"} 600\n",
                "# TYPE jpki_revocation_index_hits_total counter\njpki_revocation_index_hits_total 3\n",
                "jpki_revocation_index_misses_total 1\n",
                "jpki_revocation_fail_closed_total 1\n",
                "jpki_revocation_ocsp_fallbacks_total 0\n",
                "jpki_revocation_crl_ingests_total 0\n",
                "jpki_revocation_crl_failures_total 0\n",
                "jpki_revocation_snapshot_loads_total 0\n",
                "jpki_revocation_index_hit_ratio 0.75\n");
        assertThat(MetricsText.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }
}
