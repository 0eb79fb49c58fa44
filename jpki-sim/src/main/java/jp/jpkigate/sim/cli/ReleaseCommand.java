package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release}: a found phone; its authentication hold is released (removeFromCRL). */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Release a phone's authentication-certificate hold (removeFromCRL). A card's hold is never released.")
final class ReleaseCommand extends SimCommand {
    @Option(names = "--phone", required = true, description = "The phone id, e.g. M000001.")
    String phone;

    @Override
    int run() {
        SimState state = open();
        state.registry().life().releasePhone(phone);
        state.save();
        Report.summary(out(), state, state.registry().device(phone).personId());
        return ExitCodes.OK;
    }
}
