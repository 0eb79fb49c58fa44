package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.registry.Person;
import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code protect}: a DV / stalking protection measure (DV等支援措置) starts or, with {@code --off}, ends. */
@Command(name = "protect", mixinStandardHelpOptions = true,
        description = "Start (or with --off end) a DV / stalking protection measure for a person: while it lasts "
                + "the latest-4-information service withholds the address.")
final class ProtectCommand extends SimCommand {
    @Option(names = "--person", required = true, description = "The person id, e.g. P000001.")
    String person;

    @Option(names = "--off", description = "End the measure.")
    boolean off;

    @Override
    int run() {
        SimState state = open();
        Person protectedPerson = state.registry().life().protect(person, !off);
        state.save();
        Report.person(out(), protectedPerson);
        return ExitCodes.OK;
    }
}
