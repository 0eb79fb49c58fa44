package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lose}: a lost card (both certificates on hold, for good) or phone (authentication certificate on hold). */
@Command(name = "lose", mixinStandardHelpOptions = true,
        description = "Report a card lost (both certificates on hold, never released) or a phone lost "
                + "(its authentication certificate on hold, releasable with 'release').")
final class LoseCommand extends SimCommand {
    /** Exactly one of card or phone. */
    static final class Target {
        @Option(names = "--card", required = true)
        String card;

        @Option(names = "--phone", required = true)
        String phone;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Override
    int run() {
        SimState state = open();
        String device = target.card != null ? target.card : target.phone;
        if (target.card != null) {
            state.registry().life().lose(target.card);
        } else {
            state.registry().life().holdPhone(target.phone);
        }
        state.save();
        Report.summary(out(), state, state.registry().device(device).personId());
        return ExitCodes.OK;
    }
}
