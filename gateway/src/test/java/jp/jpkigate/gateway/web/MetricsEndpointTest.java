package jp.jpkigate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jp.jpkigate.gateway.TestVertx;
import jp.jpkigate.gateway.app.Metrics;
import jp.jpkigate.gateway.app.MetricsVerticle;
import jp.jpkigate.gateway.config.MetricsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} on its own listener: Vert.x HTTP server metrics by route pattern, never by raw path. */
class MetricsEndpointTest {
    private Metrics metrics;

    @AfterEach
    void stop() throws Exception {
        if (metrics != null) {
            TestVertx.await(metrics.vertx().close());
        }
    }

    @Test
    void requestsAreCountedByRouteMethodAndStatus() throws Exception {
        metrics = Metrics.start(new MetricsSettings(true, "127.0.0.1", 0));
        Vertx vertx = metrics.vertx();
        Router router = Router.router(vertx);
        router.get("/login/:txn").handler(ctx -> ctx.response().end("ok"));
        HttpServer app = TestVertx.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        MetricsVerticle listener = new MetricsVerticle(new MetricsSettings(true, "127.0.0.1", 0), metrics.registry());
        TestVertx.await(vertx.deployVerticle(listener));
        HttpClient http = HttpClient.newHttpClient();
        for (String txn : new String[] {"tx-1", "tx-2", "tx-3"}) {
            assertThat(http.send(get(app.actualPort(), "/login/" + txn), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }

        HttpResponse<String> scrape = http.send(get(listener.actualPort(), "/metrics"), HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).contains(MetricsEndpoint.CONTENT_TYPE);
        String text = scrape.body();
        assertThat(text).containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"200\"[^}]*method=\"GET\""
                + "[^}]*route=\"/login/:txn\"[^}]*} 3\\.0");
        assertThat(text).doesNotContain("tx-1");
        assertThat(text).contains("jvm_memory_used_bytes").contains("vertx_http_server_response_time_seconds");
        assertThat(http.send(get(listener.actualPort(), "/health/ready"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("only /metrics there").isEqualTo(404);
    }

    @Test
    void offMeansAPlainVertx() throws Exception {
        metrics = Metrics.start(MetricsSettings.OFF);
        assertThat(metrics.registry()).isNull();
        assertThat(metrics.vertx().isMetricsEnabled()).isFalse();
    }

    /** Linux's epoll with metrics on and off: the transport the perf floor is measured on too. */
    @Test
    void onLinuxTheEventLoopsRunOnEpoll() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && "amd64".equals(System.getProperty("os.arch")),
                "netty-transport-native-epoll is shipped for linux-x86_64");
        for (MetricsSettings settings : new MetricsSettings[] {MetricsSettings.OFF, new MetricsSettings(true, "127.0.0.1", 0)}) {
            Metrics started = Metrics.start(settings);
            try {
                assertThat(started.vertx().isNativeTransportEnabled()).as("native transport, metrics %s", settings.enabled())
                        .isTrue();
            } finally {
                TestVertx.await(started.vertx().close());
            }
        }
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    }
}
