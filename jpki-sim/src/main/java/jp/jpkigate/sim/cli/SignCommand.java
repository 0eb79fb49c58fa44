package jp.jpkigate.sim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.Pem;
import jp.jpkigate.sim.card.AtomicFiles;
import jp.jpkigate.sim.card.CardClient;
import jp.jpkigate.sim.card.CardFile;
import jp.jpkigate.sim.registry.DirectoryStore;
import jp.jpkigate.sim.registry.NotFoundException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sign}: signs bytes with a card or phone, through its APDUs like a reader app. The key is
 * chosen by the secret: {@code --password} signs with the signature key, {@code --pin} with the
 * authentication key ({@code --key} decides when both come from the environment). A wrong secret
 * spends a try, persisted in the card file at once.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign data with a card: base64 signature on stdout (or --out). Needs only the card file.")
final class SignCommand extends SimCommand {
    @Option(names = "--card", required = true, paramLabel = "ID|FILE",
            description = "A card or phone id in the state directory, or the path of a card file.")
    String card;

    @Option(names = "--pin", description = "Sign with the authentication key (default: $JPKI_SIM_PIN).")
    String pin;

    @Option(names = "--password", description = "Sign with the signature key (default: $JPKI_SIM_PASSWORD).")
    String password;

    @Option(names = "--key", description = "sign or auth, when both secrets are available.")
    String key;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SignInput input = new SignInput();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the base64 signature to this file.")
    Path out;

    @Option(names = "--cert-out", paramLabel = "FILE", description = "Write the key's certificate (PEM) to this file.")
    Path certOut;

    @Override
    int run() {
        Secrets secrets = Secrets.resolve(this, pin, password);
        CaKind kind = chooseKey(secrets);
        String secret = kind == CaKind.SIGNATURE ? secrets.password() : secrets.pin();
        if (secret == null) {
            throw usage("signing with the " + kind.shortName() + " key needs "
                    + (kind == CaKind.SIGNATURE ? "--password" : "--pin"));
        }
        byte[] data = input.read(this);
        CardClient client = new CardClient(CardFile.open(cardFile()));
        byte[] signature = client.sign(kind, secret, data);
        String base64 = Base64.getEncoder().encodeToString(signature);
        if (certOut != null) {
            AtomicFiles.write(certOut, Pem.write(client.readCertificate(kind, secret)));
        }
        if (out != null) {
            AtomicFiles.write(out, base64 + "\n");
            err().printf("signature (%d bytes, %s key) written to %s%n", signature.length, kind.shortName(), out);
        } else {
            out().println(base64);
        }
        return ExitCodes.OK;
    }

    private CaKind chooseKey(Secrets secrets) {
        if (key != null) {
            return CaKind.fromShortName(key);
        }
        if (secrets.passwordGiven() != secrets.pinGiven()) {
            return secrets.passwordGiven() ? CaKind.SIGNATURE : CaKind.AUTHENTICATION;
        }
        if (secrets.passwordGiven() || (secrets.pin() != null && secrets.password() != null)) {
            throw usage("both a PIN and a password are available: choose with --key sign|auth");
        }
        if (secrets.pin() == null && secrets.password() == null) {
            throw usage("sign needs --pin (authentication key) or --password (signature key)");
        }
        return secrets.pin() != null ? CaKind.AUTHENTICATION : CaKind.SIGNATURE;
    }

    private Path cardFile() {
        Path asPath = Path.of(card);
        if (Files.isRegularFile(asPath)) {
            return asPath;
        }
        if (!card.matches("[A-Za-z0-9_-]+")) {
            throw new NotFoundException("no card file " + card);
        }
        Path inState = new DirectoryStore(root.stateDir()).cardFile(card);
        if (!Files.isRegularFile(inState)) {
            throw new NotFoundException("no card " + card + " (looked for " + inState + ")");
        }
        return inState;
    }
}
