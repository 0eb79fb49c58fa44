package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code die}: every certificate of the person's cards and phones revoked (cessationOfOperation). */
@Command(name = "die", mixinStandardHelpOptions = true,
        description = "Record a resident's death: all card and phone certificates revoked (cessationOfOperation).")
final class DieCommand extends SimCommand {
    @Option(names = "--person", required = true)
    String person;

    @Override
    int run() {
        SimState state = open();
        state.registry().life().die(person);
        state.save();
        Report.person(out(), state.registry().person(person));
        state.registry().certificates(person).forEach(c -> Report.certificate(out(), state.registry(), c.id()));
        return ExitCodes.OK;
    }
}
