package jp.jpkigate.gateway.app;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.security.Security;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.gateway.config.ConfigException;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.config.ShutdownSettings;
import jp.jpkigate.gateway.web.Draining;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Starts JPKI Gate: reads the config (exit 2 when invalid, listing every mistake), installs
 * BouncyCastle, starts the dev services, the gateway and its metrics listener (exit 1 when that
 * fails), prints where everything is, and stops it all again on shutdown (SIGTERM, Ctrl-C):
 * readiness fails at once, the listener drains its requests in flight ({@code shutdown.*}), then
 * the rest stops.
 */
public final class Main {
    private static final long STOP_TIMEOUT_SECONDS = 20;

    private Main() {
    }

    /** Entry point of {@code java -jar jpki-gate.jar}; {@code verify-consent-audit} runs that command instead. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(VerifyConsentAuditCommand.NAME)) {
            System.exit(VerifyConsentAuditCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        GatewayConfig config = configure(args, System.getenv(), System.out, System.err);
        if (config == null) {
            System.exit(2);
        }
        Security.addProvider(new BouncyCastleProvider());
        Metrics metrics = Metrics.start(config.metrics());
        Vertx vertx = metrics.vertx();
        GatewayApp app = new GatewayApp(vertx, config, Clock.systemUTC(), Optional.ofNullable(metrics.registry()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, app, config.shutdown()), "jpki-gate-shutdown"));
        try {
            app.start().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            System.err.println("JPKI Gate failed to start: " + cause);
            System.exit(1);
        }
        System.out.println("JPKI Gate started in " + config.mode().id() + " mode");
        app.urls().forEach(line -> System.out.println("  " + line));
        // Printed once, never logged: a restart generates another.
        app.takeDevAdminToken().ifPresent(token -> System.out.println("  admin token:    " + token
                + "  (dev: generated at start, shown only now; Authorization: Bearer <token>)"));
    }

    /**
     * Parses the arguments and loads the config from {@code env}; prints usage or the mistakes and
     * returns {@code null} when the gateway should not start.
     */
    static GatewayConfig configure(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<String> mistakes = new ArrayList<>();
        LaunchArgs launch = new LaunchArgs(Optional.empty(), false);
        try {
            launch = LaunchArgs.parse(args);
        } catch (ConfigException e) {
            mistakes.addAll(e.mistakes());
        }
        if (launch.help()) {
            out.println(LaunchArgs.USAGE);
            return null;
        }
        GatewayConfig config = null;
        try {
            config = ConfigLoader.load(launch.configFile(), env);
        } catch (ConfigException e) {
            mistakes.addAll(e.mistakes());
        }
        if (!mistakes.isEmpty()) {
            err.println("Invalid configuration, " + mistakes.size() + (mistakes.size() == 1 ? " mistake:" : " mistakes:"));
            mistakes.forEach(mistake -> err.println("  " + mistake));
            return null;
        }
        out.println(config.describe());
        return config;
    }

    /**
     * Fails readiness, keeps serving for the configured delay, then undeploys (the listener drains
     * its requests in flight up to the drain time), stops embedded Redis and closes Vert.x, each
     * step waiting a bounded time.
     */
    private static void shutdown(Vertx vertx, GatewayApp app, ShutdownSettings settings) {
        Draining.of(vertx).begin(settings.drain());
        try {
            Thread.sleep(settings.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            app.stop().toCompletionStage().toCompletableFuture()
                    .get(settings.drain().toSeconds() + STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("JPKI Gate did not stop cleanly: " + e);
        }
        // Closed on its own, not composed: callbacks on a closed Vert.x's event loop would never run.
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("Vert.x did not close cleanly: " + e);
        }
    }
}
