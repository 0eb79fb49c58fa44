package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code renew}: new certificates for a card (and its phone); the old ones superseded. */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = "Renew a card's certificates (and its phone's): new keys, new expiry, old ones revoked (superseded).")
final class RenewCommand extends SimCommand {
    @Option(names = "--card", required = true)
    String card;

    @Override
    int run() {
        SimState state = open();
        state.registry().life().renew(card);
        state.save();
        Report.summary(out(), state, state.registry().device(card).personId());
        return ExitCodes.OK;
    }
}
