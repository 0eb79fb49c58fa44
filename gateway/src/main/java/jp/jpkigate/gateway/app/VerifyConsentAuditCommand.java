package jp.jpkigate.gateway.app;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.jpkigate.consent.audit.AuditChainReport;
import jp.jpkigate.consent.audit.AuditChainVerifier;
import jp.jpkigate.consent.audit.redis.RedisConsentAuditLog;
import jp.jpkigate.gateway.config.ConfigException;
import jp.jpkigate.gateway.config.ConfigLoader;
import jp.jpkigate.gateway.config.GatewayConfig;
import jp.jpkigate.gateway.config.Secrets;
import jp.jpkigate.gateway.redis.RedisClients;

/**
 * {@code java -jar jpki-gate.jar verify-consent-audit [--redis <url>] [--config <file.json>]}: walks
 * the consent audit log ({@link AuditChainVerifier}) and prints one line. Blocks the calling (main)
 * thread on the Vert.x Redis client's futures, never an event loop.
 */
public final class VerifyConsentAuditCommand {
    /** The subcommand's name, the first argument. */
    public static final String NAME = "verify-consent-audit";
    /** Exit status: the chain is intact. */
    public static final int INTACT = 0;
    /** Exit status: the chain is broken. */
    public static final int BROKEN = 1;
    /** Exit status: nothing was checked (arguments, config, Redis unreachable). */
    public static final int NOT_CHECKED = 2;
    /** Printed for {@code --help}. */
    public static final String USAGE = """
            Usage: java -jar jpki-gate.jar verify-consent-audit [--redis <url>] [--config <file.json>]
                --redis <url>    the Redis holding the consent audit log (redis://, rediss://, unix://)
                --config <file>  else the config's Redis: redis.url / REDIS_URL, or a running dev gateway's
                                 embedded Redis when redis.embeddedPort is fixed
                --help           print this help
            Prints "audit chain OK: N entries, head <hash>" (exit 0) or "audit chain BROKEN at seq N: <why>"
            (exit 1); exit 2 when nothing could be checked.""";

    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private VerifyConsentAuditCommand() {
    }

    /** Runs the command with the arguments after its name; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = null;
        List<String> mistakes = new ArrayList<>();
        List<String> launchArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--redis") && i + 1 < args.length) {
                url = args[++i];
            } else if (args[i].startsWith("--redis=")) {
                url = args[i].substring("--redis=".length());
            } else if (args[i].equals("--redis")) {
                mistakes.add("args: --redis needs a URL");
            } else {
                launchArgs.add(args[i]);
            }
        }
        try {
            LaunchArgs launch = LaunchArgs.parse(launchArgs.toArray(String[]::new));
            if (launch.help()) {
                out.println(USAGE);
                return NOT_CHECKED;
            }
            if (url == null && mistakes.isEmpty()) {
                url = configuredRedis(ConfigLoader.load(launch.configFile(), env));
            }
        } catch (ConfigException e) {
            mistakes.addAll(e.mistakes());
        }
        if (!mistakes.isEmpty()) {
            mistakes.forEach(err::println);
            err.println(USAGE);
            return NOT_CHECKED;
        }
        if (url == null) {
            err.println("no Redis to check: the config uses an embedded Redis on a random port; pass --redis <url>");
            return NOT_CHECKED;
        }
        return verify(url, out, err);
    }

    /** The external Redis, or a dev gateway's embedded one on its fixed port; {@code null} when neither is known. */
    private static String configuredRedis(GatewayConfig config) {
        int embeddedPort = config.redis().embeddedPort();
        return config.redis().externalUrl().orElse(embeddedPort == 0 ? null : "redis://127.0.0.1:" + embeddedPort);
    }

    static int verify(String url, PrintStream out, PrintStream err) {
        Vertx vertx = Vertx.vertx();
        Redis redis = RedisClients.create(vertx, url);
        try {
            AuditChainReport report = new AuditChainVerifier(new RedisConsentAuditLog(vertx, redis)).verify()
                    .toCompletionStage().toCompletableFuture().get();
            out.println(report.line());
            return report instanceof AuditChainReport.Intact ? INTACT : BROKEN;
        } catch (ExecutionException e) {
            err.println("could not read the consent audit log at " + Secrets.maskUrl(url) + ": " + e.getCause());
            return NOT_CHECKED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return NOT_CHECKED;
        } finally {
            redis.close();
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                err.println("Vert.x did not close cleanly: " + e);
            }
        }
    }
}
