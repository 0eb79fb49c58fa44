package jp.jpkigate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helm lint --strict} passes. Helm lints with the chart's own values.yaml, whose prod defaults
 * deliberately need the operator's issuer, endpoints and Secrets (validateValues fails them, which lint
 * only reports); so the chart is also linted as copies whose values.yaml has the production example or
 * the dev preset merged in, where every template renders.
 */
class ChartLintTest {
    @TempDir
    Path work;

    @Test
    void lintPassesWithTheProductionExample() throws IOException {
        assertLintPasses(Chart.PROD);
    }

    @Test
    void lintPassesWithTheDevPreset() throws IOException {
        assertLintPasses(Chart.DEV);
    }

    /** Helm lint reports a template's {@code fail} (validateValues on the bare prod defaults) as information only. */
    @Test
    void lintPassesOnTheChartAsShipped() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    private void assertLintPasses(Path overlay) throws IOException {
        Path chart = copyWithValues(overlay);
        LintResult result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    private Path copyWithValues(Path overlay) throws IOException {
        Path chart = work.resolve("jpki-gate");
        try (Stream<Path> files = Files.walk(Chart.DIR)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = chart.resolve(Chart.DIR.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Map<String, Object> values = load(Chart.DIR.resolve("values.yaml"));
        merge(values, load(overlay));
        Files.writeString(chart.resolve("values.yaml"), Chart.yaml().dump(values));
        return chart;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) throws IOException {
        Map<String, Object> loaded = Chart.yaml().load(Files.readString(file));
        return loaded == null ? new LinkedHashMap<>() : loaded;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> base, Map<String, Object> overlay) {
        overlay.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && base.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) map);
            } else {
                base.put(key, value);
            }
        });
    }
}
