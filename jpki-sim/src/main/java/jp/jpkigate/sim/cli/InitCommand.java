package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code init}: creates the state directory with its CA generations. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the state directory: two RSA-2048 CA generations per hierarchy (this year - 5, this year).")
final class InitCommand extends SimCommand {
    @Option(names = "--ec", description = "Also create a next-generation ECDSA P-384 CA per hierarchy (dated last year).")
    boolean ec;

    @Override
    int run() {
        SimState state = SimState.init(root.stateDir(), root.clock(), root.random(), ec);
        out().printf("initialised %s%n", state.dir());
        for (SimCa ca : state.cas().all()) {
            out().printf("  CA %-10s %s valid %s .. %s%n", ca.id(), ca.algorithm(),
                    ca.certificate().getNotBefore().toInstant(), ca.certificate().getNotAfter().toInstant());
        }
        return ExitCodes.OK;
    }
}
