package jp.jpkigate.sim.consent;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import jp.jpkigate.sim.card.AtomicFiles;

/**
 * The consent ledger as {@code consents.json} in a state directory, beside {@code registry.json}:
 * a file of its own because both {@code jpki-sim serve} (the platform operator's requests) and the
 * CLI (a person withdrawing in J-LIS's app) change it, while only the CLI writes the registry.
 *
 * <p>Each {@link #update} holds an exclusive lock on {@code consents.lock} (and a lock per
 * directory inside this JVM, as file locks are per process), re-reads the file when it changed
 * since this store last saw it, runs the change and, if the ledger changed (even by a change that
 * then threw), writes the file atomically ({@link AtomicFiles}) before the lock is released.
 */
public final class ConsentFile implements ConsentStore {
    public static final String FILE = "consents.json";
    static final String LOCK_FILE = "consents.lock";
    private static final ConcurrentMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;
    private final Object jvmLock;
    private ConsentLedger ledger;
    private Stamp seen;

    /** What tells this store the file was replaced by another writer. */
    private record Stamp(FileTime modified, long size, Object fileKey) {
    }

    public ConsentFile(Path stateDir) {
        Path dir = stateDir.toAbsolutePath().normalize();
        this.file = dir.resolve(FILE);
        this.lockFile = dir.resolve(LOCK_FILE);
        this.jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new Object());
    }

    @Override
    public <T> T update(Function<ConsentLedger, T> change) {
        synchronized (jvmLock) {
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    ConsentLedger latest = latest();
                    long before = latest.modifications();
                    try {
                        return change.apply(latest);
                    } finally {
                        if (latest.modifications() != before) {
                            AtomicFiles.write(file, ConsentJson.write(latest).encodePrettily());
                            seen = stamp();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + lockFile, e);
            }
        }
    }

    private ConsentLedger latest() throws IOException {
        Stamp now = stamp();
        if (ledger == null || !Objects.equals(now, seen)) {
            ledger = now == null ? new ConsentLedger() : read();
            seen = now;
        }
        return ledger;
    }

    private ConsentLedger read() throws IOException {
        try {
            return ConsentJson.read(new JsonObject(Files.readString(file)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt " + file + ": " + e.getMessage(), e);
        }
    }

    private Stamp stamp() throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
