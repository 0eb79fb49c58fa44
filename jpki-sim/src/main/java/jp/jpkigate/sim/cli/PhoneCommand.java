package jp.jpkigate.sim.cli;

import jp.jpkigate.sim.card.TokenName;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phone}: phone certificates linked to a card; a previous phone's are revoked. */
@Command(name = "phone", mixinStandardHelpOptions = true,
        description = "Issue phone certificates (Android or iPhone) linked to a card; the old phone's are revoked.")
final class PhoneCommand extends SimCommand {
    @Option(names = "--card", required = true, description = "The card id, e.g. C000001.")
    String card;

    @Option(names = "--os", defaultValue = "android", converter = Converters.PhoneConverter.class,
            description = "android or iphone (token name JPKIAPGPSETOKEN / JPKIAPIOSTOKEN).")
    TokenName token;

    @Option(names = "--pin", description = "The phone's PIN, 4 digits (default: $JPKI_SIM_PIN).")
    String pin;

    @Option(names = "--password", description = "The phone's password (default: $JPKI_SIM_PASSWORD).")
    String password;

    @Override
    int run() {
        Secrets secrets = Secrets.resolve(this, pin, password);
        if (secrets.pin() == null || secrets.password() == null) {
            throw usage("phone needs --pin and --password (or $JPKI_SIM_PIN and $JPKI_SIM_PASSWORD)");
        }
        SimState state = open();
        Device phone = state.registry().life().issuePhone(card, token, secrets.pin(), secrets.password());
        state.save();
        out().printf("issued phone %s linked to card %s%n", phone.id(), card);
        Report.summary(out(), state, phone.personId());
        return ExitCodes.OK;
    }
}
