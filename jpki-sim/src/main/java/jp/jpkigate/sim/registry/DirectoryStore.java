package jp.jpkigate.sim.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import jp.jpkigate.sim.ca.Pem;
import jp.jpkigate.sim.card.AtomicFiles;
import jp.jpkigate.sim.card.CardFile;
import jp.jpkigate.sim.card.VirtualCard;

/**
 * Cards as {@code cards/<id>.card.json} and issued certificates as
 * {@code certs/<caId>/<serial>.pem} under a state directory. Cards are opened with
 * {@link CardFile#open} so tries counters persist after every VERIFY.
 */
public final class DirectoryStore implements RegistryStore {
    private final Path cards;
    private final Path certs;

    public DirectoryStore(Path stateDir) {
        this.cards = stateDir.resolve("cards");
        this.certs = stateDir.resolve("certs");
    }

    public Path cardFile(String deviceId) {
        if (!deviceId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("bad device id '" + deviceId + "'");
        }
        return cards.resolve(deviceId + ".card.json");
    }

    public Path certificateFile(CertId id) {
        return certs.resolve(id.caId()).resolve(id.serial() + ".pem");
    }

    @Override
    public VirtualCard loadCard(String deviceId) {
        Path file = cardFile(deviceId);
        if (!Files.exists(file)) {
            throw new NotFoundException("no card file " + file);
        }
        return CardFile.open(file);
    }

    @Override
    public void saveCard(VirtualCard card) {
        CardFile.save(cardFile(card.id()), card);
    }

    @Override
    public void archive(CertId id, X509Certificate certificate) {
        AtomicFiles.write(certificateFile(id), Pem.write(certificate));
    }

    @Override
    public Optional<X509Certificate> certificate(CertId id) {
        Path file = certificateFile(id);
        try {
            return Files.exists(file) ? Optional.of(Pem.readCertificate(Files.readString(file))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
