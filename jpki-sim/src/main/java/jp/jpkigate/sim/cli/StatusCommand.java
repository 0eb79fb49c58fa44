package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.registry.CertRecord;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code status}: a person's or a device's certificates and tries left. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a person's (or one card's / phone's) certificates, their status and the tries left.")
final class StatusCommand extends SimCommand {
    /** Exactly one of person or device. */
    static final class Target {
        @Option(names = "--person", required = true)
        String person;

        @Option(names = {"--card", "--phone"}, required = true, description = "A card or phone id.")
        String device;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--history", description = "Also list every certificate ever issued to the person.")
    boolean history;

    @Override
    int run() {
        SimState state = open();
        String personId = target.person != null ? target.person : state.registry().device(target.device).personId();
        Report.person(out(), state.registry().person(personId));
        for (Device device : state.registry().devices(personId)) {
            if (target.device == null || device.id().equals(target.device)) {
                Report.device(out(), state, device, true);
            }
        }
        if (history) {
            out().println("  history:");
            for (CertRecord record : state.registry().certificates(personId)) {
                Report.certificate(out(), state.registry(), record.id());
            }
        }
        return ExitCodes.OK;
    }
}
