package jp.jpkigate.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart {@code helm/jpki-gate} rendered by an embedded Helm ({@code helm template}, no
 * cluster): a release {@code gate} in namespace {@code jpki}, on a Kubernetes 1.30 API.
 */
final class Chart {
    static final Path DIR = Path.of("..", "helm", "jpki-gate").toAbsolutePath().normalize();
    static final Path EXAMPLES = DIR.resolveSibling("examples");
    static final Path DEV = DIR.resolve("values-dev.yaml");
    static final Path PROD = EXAMPLES.resolve("values-prod.yaml");
    static final String RELEASE = "gate";
    static final String NAMESPACE = "jpki";

    private Chart() {
    }

    /** The example in {@code helm/examples}. */
    static Path example(String name) {
        return EXAMPLES.resolve(name);
    }

    /** Renders with {@code valuesFiles} in order, then {@code sets} ({@code --set key=value}). */
    static Rendered render(List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("1.30.0");
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return Rendered.parse(template.call());
    }

    static Rendered render(Path... valuesFiles) {
        return render(List.of(valuesFiles), Map.of());
    }

    /** A YAML reader for rendered manifests and values files. */
    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }

    /** The objects of one rendering, parsed. */
    record Rendered(String text, List<Map<String, Object>> objects) {
        @SuppressWarnings("unchecked")
        static Rendered parse(String text) {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : yaml().loadAll(text)) {
                if (document instanceof Map<?, ?> map) {
                    objects.add((Map<String, Object>) map);
                }
            }
            return new Rendered(text, objects);
        }

        /** Every object of {@code kind}. */
        List<Yamls> all(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).map(Yamls::new).toList();
        }

        /** The one object of {@code kind}; fails when there are none or several. */
        Yamls one(String kind) {
            List<Yamls> found = all(kind);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + kind + ", found " + found.size() + " in:\n" + text);
            }
            return found.get(0);
        }

        /** The object of {@code kind} named {@code name}. */
        Yamls named(String kind, String name) {
            return all(kind).stream().filter(o -> name.equals(o.str("metadata.name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in:\n" + text));
        }

        /** The kinds rendered, in order. */
        List<String> kinds() {
            return objects.stream().map(o -> (String) o.get("kind")).toList();
        }
    }
}
