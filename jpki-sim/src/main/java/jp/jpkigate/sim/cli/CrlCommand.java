package jp.jpkigate.sim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.jpkigate.sim.ca.Municipality;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.crl.BulkCrlWriter;
import jp.jpkigate.sim.crl.CrlPublisher;
import jp.jpkigate.sim.crl.CrlScope;
import jp.jpkigate.sim.crl.PublishedCrl;
import jp.jpkigate.sim.registry.SimState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crl}: writes a signed CRL (DER) of one CA generation: the full CRL or a delta, CA-wide or
 * for one municipality's partition; or, with {@code --bulk}, a synthetic full CRL with millions of
 * revoked serials for load tests, without issuing a certificate.
 */
@Command(name = "crl", mixinStandardHelpOptions = true,
        description = "Write a CRL (DER): full or delta (--delta-base), CA-wide or one partition (--municipality); "
                + "or a synthetic bulk CRL (--bulk N) for load tests.")
final class CrlCommand extends SimCommand {
    @Option(names = "--ca", required = true, description = "CA generation, e.g. sign-2026.")
    String caId;

    @Option(names = "--municipality", paramLabel = "PREFECTURE/CITY",
            description = "Only this municipality's CRL partition (its CRL distribution point).")
    String municipality;

    @Option(names = "--delta-base", paramLabel = "N", description = "Write the delta CRL against the full CRL numbered N.")
    BigInteger deltaBase;

    @Option(names = "--bulk", paramLabel = "N", description = "Write N synthetic revoked serials instead of the registry's.")
    Long bulk;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the --bulk serials (same seed, same CRL).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the DER CRL.")
    Path out;

    @Override
    int run() {
        if (bulk != null && (deltaBase != null || municipality != null)) {
            throw usage("--bulk writes a CA-wide full CRL: it takes neither --delta-base nor --municipality");
        }
        if (bulk != null && bulk < 0) {
            throw usage("--bulk must not be negative");
        }
        SimState state = open();
        SimCa ca = state.cas().byId(caId);
        return bulk != null ? writeBulk(state, ca) : writeFromRegistry(state, ca);
    }

    private int writeFromRegistry(SimState state, SimCa ca) {
        CrlScope scope = municipality == null ? CrlScope.caWide(ca) : CrlScope.partition(ca, Municipality.parse(municipality));
        CrlPublisher publisher = new CrlPublisher(state.registry(), root.clock());
        PublishedCrl crl = deltaBase == null ? publisher.full(scope) : publisher.delta(scope, deltaBase);
        write(crl.der());
        out().printf("wrote %s CRL of %s: number %s, %d entries, thisUpdate %s, nextUpdate %s -> %s%n",
                crl.isDelta() ? "delta" : "full", scope, crl.number(), crl.entries(), crl.thisUpdate(),
                crl.nextUpdate(), out);
        return ExitCodes.OK;
    }

    private int writeBulk(SimState state, SimCa ca) {
        BulkCrlWriter.Spec spec = new BulkCrlWriter.Spec(ca, bulk, seed, root.clock().instant(),
                CrlPublisher.DEFAULT_VALIDITY, BigInteger.ONE);
        try {
            BulkCrlWriter.Result result = BulkCrlWriter.write(spec, out);
            out().printf("wrote bulk CRL of %s: %d entries, %d bytes -> %s%n", ca.id(), result.entries(),
                    result.bytes(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExitCodes.OK;
    }

    private void write(byte[] der) {
        try {
            Files.write(out, der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
