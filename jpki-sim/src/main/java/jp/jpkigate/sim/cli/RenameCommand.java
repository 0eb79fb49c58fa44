package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rename}: a change of name; signature certificates are reissued (old ones affiliationChanged). */
@Command(name = "rename", mixinStandardHelpOptions = true,
        description = "Rename a resident: new signature certificates on card and phone, the old ones revoked "
                + "(affiliationChanged).")
final class RenameCommand extends SimCommand {
    @Option(names = "--person", required = true)
    String person;

    @Option(names = "--family", required = true)
    String family;

    @Option(names = "--given", required = true)
    String given;

    @Override
    int run() {
        SimState state = open();
        state.registry().life().rename(person, family, given);
        state.save();
        Report.summary(out(), state, person);
        return ExitCodes.OK;
    }
}
