package jp.jpkigate.sim.cli;

import java.time.LocalDate;
import jp.jpkigate.sim.ca.FourInfo.Gender;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.registry.CardRequest;
import jp.jpkigate.sim.registry.Device;
import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code issue}: a new resident gets a My Number card. */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Register a resident and issue a card with signature and authentication certificates.")
final class IssueCommand extends SimCommand {
    @Option(names = "--family", required = true, description = "Family name (kanji allowed).")
    String family;

    @Option(names = "--given", required = true, description = "Given name.")
    String given;

    @Option(names = "--birth-date", required = true, paramLabel = "YYYY-MM-DD")
    LocalDate birthDate;

    @Option(names = "--gender", required = true, converter = Converters.GenderConverter.class,
            description = "male, female or unknown.")
    Gender gender;

    @Option(names = "--address", required = true, description = "From the prefecture on, no postcode.")
    String address;

    @Option(names = "--municipality", required = true, converter = Converters.MunicipalityConverter.class,
            paramLabel = "PREFECTURE/CITY", description = "Romanised, e.g. Tokyo/Shinjuku-ku: the CRL partition.")
    Municipality municipality;

    @Option(names = "--pin", description = "Authentication PIN, 4 digits (default: $JPKI_SIM_PIN).")
    String pin;

    @Option(names = "--password", description = "Signature password, 6-16 of A-Z 0-9 (default: $JPKI_SIM_PASSWORD).")
    String password;

    @Option(names = "--algorithm", defaultValue = "rsa2048", converter = Converters.AlgorithmConverter.class,
            description = "rsa2048 (today's cards) or p384 (next generation; needs init --ec).")
    KeyAlgorithm algorithm;

    @Override
    int run() {
        Secrets secrets = Secrets.resolve(this, pin, password);
        if (secrets.pin() == null || secrets.password() == null) {
            throw usage("issue needs --pin and --password (or $JPKI_SIM_PIN and $JPKI_SIM_PASSWORD)");
        }
        SimState state = open();
        Device card = state.registry().life().issue(new CardRequest(family, given, birthDate, gender, address,
                municipality, secrets.pin(), secrets.password(), algorithm));
        state.save();
        out().printf("issued card %s to person %s%n", card.id(), card.personId());
        Report.summary(out(), state, card.personId());
        return ExitCodes.OK;
    }
}
