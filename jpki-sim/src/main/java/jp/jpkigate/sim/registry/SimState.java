package jp.jpkigate.sim.registry;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.jpkigate.sim.ca.CaKind;
import jp.jpkigate.sim.ca.KeyAlgorithm;
import jp.jpkigate.sim.ca.Pem;
import jp.jpkigate.sim.ca.SimCa;
import jp.jpkigate.sim.ca.Validity;
import jp.jpkigate.sim.card.AtomicFiles;

/**
 * The simulator's state directory:
 * <pre>
 *   ca/&lt;caId&gt;.cert.pem, ca/&lt;caId&gt;.key.pem   CA generations (caId = sign-2026, auth-2021, ...)
 *   registry.json                              people, devices, certificates, events (atomic writes)
 *   cards/&lt;deviceId&gt;.card.json                each card and phone (see CardFile)
 *   certs/&lt;caId&gt;/&lt;serial&gt;.pem                every certificate issued
 * </pre>
 * Open it with {@link #open}; change it through {@link #registry()}.{@link SimRegistry#life() life()};
 * then {@link #save()}.
 */
public final class SimState {
    public static final String REGISTRY_FILE = "registry.json";
    private final Path dir;
    private final SimRegistry registry;

    private SimState(Path dir, SimRegistry registry) {
        this.dir = dir;
        this.registry = registry;
    }

    /**
     * Creates a state directory: two RSA-2048 generations per hierarchy (the current year in Japan
     * minus 5, and the current year) and, with {@code withEcGeneration}, a P-384 next-generation
     * one dated the previous year so it is valid now and its id ({@code sign-<year>}) stays unique.
     */
    public static SimState init(Path dir, Clock clock, SecureRandom random, boolean withEcGeneration) {
        if (Files.exists(dir.resolve(REGISTRY_FILE))) {
            throw new ConflictException(dir + " is already initialised");
        }
        int year = Validity.dayInJapan(clock.instant()).getYear();
        List<SimCa> cas = new ArrayList<>();
        for (CaKind kind : CaKind.values()) {
            cas.add(SimCa.create(kind, year - 5, KeyAlgorithm.RSA_2048, random));
            cas.add(SimCa.create(kind, year, KeyAlgorithm.RSA_2048, random));
            if (withEcGeneration) {
                cas.add(SimCa.create(kind, year - 1, KeyAlgorithm.EC_P384, random));
            }
        }
        for (SimCa ca : cas) {
            AtomicFiles.write(dir.resolve("ca").resolve(ca.id() + ".cert.pem"), Pem.write(ca.certificate()));
            AtomicFiles.write(dir.resolve("ca").resolve(ca.id() + ".key.pem"), Pem.write(ca.keyPair()));
        }
        SimState state = new SimState(dir, new SimRegistry(new SimCas(cas), clock, random,
                KeySource.random(random), new DirectoryStore(dir)));
        state.save();
        return state;
    }

    /** Opens an initialised state directory. */
    public static SimState open(Path dir, Clock clock, SecureRandom random) {
        return open(dir, clock, random, KeySource.random(random));
    }

    public static SimState open(Path dir, Clock clock, SecureRandom random, KeySource keys) {
        Path file = dir.resolve(REGISTRY_FILE);
        if (!Files.exists(file)) {
            throw new NotFoundException("no simulator state in " + dir + " (run init first)");
        }
        SimRegistry registry = new SimRegistry(new SimCas(readCas(dir.resolve("ca"))), clock, random, keys,
                new DirectoryStore(dir));
        try {
            RegistryJson.read(new JsonObject(Files.readString(file)), registry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt " + file + ": " + e.getMessage(), e);
        }
        return new SimState(dir, registry);
    }

    public Path dir() {
        return dir;
    }

    public SimRegistry registry() {
        return registry;
    }

    public SimCas cas() {
        return registry.cas();
    }

    public DirectoryStore store() {
        return (DirectoryStore) registry.store();
    }

    /** The card file of a card or phone. */
    public Path cardFile(String deviceId) {
        return store().cardFile(deviceId);
    }

    /** Writes {@code registry.json} atomically. */
    public void save() {
        String json;
        synchronized (registry) {
            json = RegistryJson.write(registry).encodePrettily();
        }
        AtomicFiles.write(dir.resolve(REGISTRY_FILE), json);
    }

    private static List<SimCa> readCas(Path caDir) {
        List<SimCa> cas = new ArrayList<>();
        try (DirectoryStream<Path> certs = Files.newDirectoryStream(caDir, "*.cert.pem")) {
            for (Path cert : certs) {
                String id = cert.getFileName().toString().replace(".cert.pem", "");
                int dash = id.indexOf('-');
                CaKind kind = CaKind.fromShortName(id.substring(0, dash));
                int generation = Integer.parseInt(id.substring(dash + 1));
                KeyPair keys = Pem.readKeyPair(Files.readString(caDir.resolve(id + ".key.pem")));
                KeyAlgorithm algorithm = "RSA".equals(keys.getPrivate().getAlgorithm())
                        ? KeyAlgorithm.RSA_2048 : KeyAlgorithm.EC_P384;
                cas.add(new SimCa(id, kind, generation, algorithm, keys, Pem.readCertificate(Files.readString(cert))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CAs in " + caDir, e);
        }
        return cas;
    }
}
