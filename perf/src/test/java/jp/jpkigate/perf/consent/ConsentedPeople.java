package jp.jpkigate.perf.consent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The people (fixture card numbers) who consented in this run's {@link ConsentSigningSimulation}, for
 * {@link ConsentWithdrawalSimulation}: {@code <runDir>/results/consented.txt}, one number a line (the
 * runner empties {@code results} at the start of every run, so a list never outlives its Redis).
 */
final class ConsentedPeople {
    private ConsentedPeople() {
    }

    static Path file(Path runDir) {
        return runDir.resolve("results").resolve("consented.txt");
    }

    static void write(Path runDir, Collection<Integer> people) throws IOException {
        Files.createDirectories(file(runDir).getParent());
        Files.writeString(file(runDir), people.stream().sorted().map(String::valueOf).collect(Collectors.joining("\n", "", "\n")));
    }

    /** The people of the last consent run; none when there was none. */
    static List<Integer> read(Path runDir) throws IOException {
        Path file = file(runDir);
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Integer::valueOf).toList();
    }
}
