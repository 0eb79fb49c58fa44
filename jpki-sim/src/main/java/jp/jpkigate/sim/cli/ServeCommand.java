package jp.jpkigate.sim.cli;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import jp.jpkigate.sim.serve.SimServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: publishes the state directory over HTTP (CA certificates, full and delta CRLs, OCSP,
 * the old → new serial linkage) until the process is stopped; changes made by other
 * {@code jpki-sim} commands are picked up within a second.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve CA certificates, CRLs (full, delta, per municipality), OCSP and the renewal linkage "
                + "over HTTP until stopped.")
final class ServeCommand extends SimCommand {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8081", description = "Port to listen on, 0 for any (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    int run() {
        Vertx vertx = Vertx.vertx();
        SimServer server;
        try {
            server = SimServer.start(vertx, root.stateDir(), host, port, root.clock(), SimServer.DEFAULT_RELOAD)
                    .await();
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        out().println("jpki-sim serving " + server.stateDir() + " at " + base);
        out().println("  CA certificates: " + base + "/ca");
        out().println("  CRLs:            " + base + "/crl/<ca>/full.crl, /crl/<ca>/delta.crl?base=N, "
                + "/crl/<ca>/<prefecture>/<city>/full.crl");
        out().println("  OCSP:            " + base + "/ocsp");
        out().println("  linkage:         " + base + "/linkage/<ca>/<serial hex>");
        out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().eventually(vertx::close).await();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
