package jp.jpkigate.sim.cli;

import java.util.List;
import jp.jpkigate.sim.consent.Consent;
import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consents}: a person's consents to the latest-4-information service, as J-LIS's app shows them. */
@Command(name = "consents", mixinStandardHelpOptions = true,
        description = "List a person's consents to the latest-4-information service: registry id, business, "
                + "items, status and dates.")
final class ConsentsCommand extends SimCommand {
    @Option(names = "--person", required = true, description = "The person id, e.g. P000001.")
    String person;

    @Override
    int run() {
        SimState state = open();
        Report.person(out(), state.registry().person(person));
        List<Consent> consents = consents(state).consentsOf(person);
        if (consents.isEmpty()) {
            out().println("  no consents");
        }
        consents.forEach(consent -> Report.consent(out(), consent));
        return ExitCodes.OK;
    }
}
