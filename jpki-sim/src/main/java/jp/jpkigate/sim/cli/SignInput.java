package jp.jpkigate.sim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import jp.jpkigate.sim.registry.NotFoundException;
import picocli.CommandLine.Option;

/**
 * What {@code sign} signs: exactly one source, read as bytes.
 *
 * <p>Extension point: a later issue adds {@code --login-url}, which fetches a login transaction
 * from the gateway, signs its challenge with the authentication key and posts the result back. Add
 * that option here and let {@link SignCommand} dispatch on it.
 */
final class SignInput {
    @Option(names = "--data", description = "Sign this text (UTF-8).")
    String data;

    @Option(names = "--data-file", paramLabel = "FILE", description = "Sign this file's bytes.")
    Path dataFile;

    /** The bytes to sign; standard input when neither option is given. */
    byte[] read(SignCommand command) {
        if (data != null) {
            return data.getBytes(StandardCharsets.UTF_8);
        }
        try {
            if (dataFile != null) {
                return Files.readAllBytes(dataFile);
            }
            return command.root.stdin().readAllBytes();
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no data file " + dataFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
