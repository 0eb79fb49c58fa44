package jp.jpkigate.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, read as text (no Docker engine runs here): multi-stage, pinned base images, a
 * numeric non-root user, nothing fetched by ADD, the exec-form java entry point, the chart's ports
 * and user.
 */
class DockerfileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?$", Pattern.CASE_INSENSITIVE);

    private final List<String> lines = instructions();

    @Test
    void twoStagesOnPinnedImagesAndAJava21RuntimeOrNewer() {
        List<Matcher> froms = lines.stream().map(FROM::matcher).filter(Matcher::matches).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0).group(2)).isEqualTo("build");
        for (Matcher from : froms) {
            String image = from.group(1);
            assertThat(image).as("pinned: a tag with a version, never latest").matches("[^:@]+(:[^:@]*[0-9][^:@]*|@sha256:[0-9a-f]{64})")
                    .doesNotContain(":latest");
        }
        String runtime = froms.get(1).group(1);
        assertThat(runtime).startsWith("eclipse-temurin:").contains("-jre");
        assertThat(Integer.parseInt(runtime.replaceAll("^eclipse-temurin:(\\d+).*", "$1"))).isGreaterThanOrEqualTo(21);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("COPY --from=build ").contains("jpki-gate.jar"));
    }

    @Test
    void runsAsTheChartsNumericNonRootUser() {
        List<String> users = lines.stream().filter(line -> line.startsWith("USER ")).toList();
        assertThat(users).hasSize(1);
        assertThat(users.get(0)).isEqualTo("USER 10001:10001");
        assertThat(lastIndexOf("USER ")).as("the user is set after the last RUN").isGreaterThan(lastIndexOf("RUN "));
    }

    @Test
    void fetchesNothingRemoteAndStartsJavaDirectly() {
        assertThat(lines).noneSatisfy(line -> assertThat(line).matches("(?i)ADD\\s+.*https?://.*"));
        assertThat(lines).noneSatisfy(line -> assertThat(line).matches("(?i)RUN .*(curl|wget) .*"));
        String entrypoint = lines.stream().filter(line -> line.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        assertThat(entrypoint).startsWith("ENTRYPOINT [\"java\", ").contains("\"-XX:MaxRAMPercentage=")
                .contains("\"-XX:+ExitOnOutOfMemoryError\"").endsWith("\"-jar\", \"/opt/jpki-gate/jpki-gate.jar\"]");
        assertThat(lines).contains("EXPOSE 8080 8082 9090", "VOLUME [\"/data\", \"/tmp\"]");
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndState() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertThat(ignored).contains(".git", "**/target", "**/node_modules", "data");
    }

    private int lastIndexOf(String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The instructions, continuation lines joined, comments dropped. */
    private static List<String> instructions() {
        try {
            String text = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n\\s*", "");
            return text.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
