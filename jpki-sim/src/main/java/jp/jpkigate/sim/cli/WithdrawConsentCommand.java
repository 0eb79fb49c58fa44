package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code withdraw-consent}: the person withdraws a consent directly in J-LIS's app; the platform
 * operator learns of it only by pulling {@code GET /jlis/consents} (withdrawn_by "person").
 */
@Command(name = "withdraw-consent", mixinStandardHelpOptions = true,
        description = "The person withdraws a consent in J-LIS's own app, at once; the platform operator learns "
                + "of it from the changes (GET /jlis/consents).")
final class WithdrawConsentCommand extends SimCommand {
    @Option(names = "--person", required = true, description = "The person id, e.g. P000001.")
    String person;

    @Option(names = "--registry-id", required = true, description = "J-LIS's consent id, e.g. R000001.")
    String registryId;

    @Override
    int run() {
        SimState state = open();
        state.registry().person(person);
        Report.consent(out(), consents(state).withdrawByPerson(person, registryId));
        return ExitCodes.OK;
    }
}
