package jp.jpkigate.sim.cli;

import java.math.BigInteger;
import java.util.List;
import jp.jpkigate.sim.registry.CertId;
import jp.jpkigate.sim.registry.NotFoundException;
import jp.jpkigate.sim.registry.SimState;
import jp.jpkigate.sim.revocation.Reason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revoke}: revokes (or holds) one certificate; a card certificate's revocation cascades to the phone. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke one certificate by serial. Reasons: unspecified, keyCompromise, affiliationChanged, "
                + "superseded, cessationOfOperation, hold, removeFromCRL (phone authentication hold only).")
final class RevokeCommand extends SimCommand {
    @Option(names = "--serial", required = true, description = "The certificate's serial number (decimal).")
    BigInteger serial;

    @Option(names = "--ca", description = "The issuing CA, e.g. sign-2026; needed when several CAs issued this serial.")
    String ca;

    @Option(names = "--reason", defaultValue = "unspecified", converter = Converters.ReasonConverter.class)
    Reason reason;

    @Override
    int run() {
        SimState state = open();
        CertId id = resolve(state);
        state.registry().life().revoke(id, reason);
        state.save();
        out().printf("%s: %s%n", id, state.registry().status(id));
        return ExitCodes.OK;
    }

    private CertId resolve(SimState state) {
        if (ca != null) {
            return state.registry().certificate(new CertId(ca, serial)).id();
        }
        List<CertId> found = state.registry().findSerial(serial);
        if (found.isEmpty()) {
            throw new NotFoundException("no certificate with serial " + serial);
        }
        if (found.size() > 1) {
            throw usage("serial " + serial + " was issued by several CAs " + found + ": add --ca");
        }
        return found.get(0);
    }
}
