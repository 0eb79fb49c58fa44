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
 * <p>{@code --url} is the login mode: {@link SignCommand} fetches the OP's login transaction
 * ({@code GET <url>}), signs its {@code signed_data} with the key it names ({@code auth}: PIN,
 * {@code sign}: password), posts certificate and signature back, and prints the outcome.
 */
final class SignInput {
    @Option(names = "--data", description = "Sign this text (UTF-8).")
    String data;

    @Option(names = "--data-file", paramLabel = "FILE", description = "Sign this file's bytes.")
    Path dataFile;

    @Option(names = "--url", paramLabel = "URL",
            description = "Log in: fetch the login transaction at this URL (<issuer>/login/<txn>), sign it, post it back.")
    java.net.URI url;

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
