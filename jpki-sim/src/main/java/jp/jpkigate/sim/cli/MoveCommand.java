package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code move}: a change of address; signature certificates are reissued (old ones affiliationChanged). */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = "Move a resident: new signature certificates on card and phone, the old ones revoked "
                + "(affiliationChanged); authentication certificates are untouched.")
final class MoveCommand extends SimCommand {
    @Option(names = "--person", required = true, description = "The person id, e.g. P000001.")
    String person;

    @Option(names = "--municipality", required = true, converter = Converters.MunicipalityConverter.class,
            paramLabel = "PREFECTURE/CITY")
    Municipality municipality;

    @Option(names = "--address", required = true, description = "The new address from the prefecture on.")
    String address;

    @Override
    int run() {
        SimState state = open();
        state.registry().life().move(person, municipality, address);
        state.save();
        Report.summary(out(), state, person);
        return ExitCodes.OK;
    }
}
