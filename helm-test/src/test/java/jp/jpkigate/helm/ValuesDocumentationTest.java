package jp.jpkigate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** values.yaml documents every key with {@code ## @param}, and values.schema.json describes exactly those keys, closed everywhere. */
class ValuesDocumentationTest {
    /** Maps whose own keys are the user's (labels, selectors, scheduling): documented as a whole. */
    private static final Set<String> FREE_FORM = Set.of("commonLabels", "commonAnnotations", "nodeSelector", "affinity",
            "podAnnotations", "podLabels", "service.annotations", "ingress.annotations", "serviceMonitor.labels",
            "grafanaDashboard.labels");

    @Test
    void everyValueIsDocumented() throws IOException {
        String text = Files.readString(Chart.DIR.resolve("values.yaml"));
        Set<String> documented = new TreeSet<>();
        text.lines().map(String::trim).filter(line -> line.startsWith("## @param "))
                .forEach(line -> documented.add(line.substring("## @param ".length()).split(" ")[0]));
        List<String> keys = leaves(Chart.yaml().load(text), "");

        assertThat(documented).containsAll(keys);
        assertThat(keys).containsAll(documented);
    }

    @Test
    void theSchemaCoversEveryKeyAndIsClosed() throws IOException {
        JsonObject schema = new JsonObject(Files.readString(Chart.DIR.resolve("values.schema.json")));
        List<String> keys = leaves(Chart.yaml().load(Files.readString(Chart.DIR.resolve("values.yaml"))), "");
        for (String key : keys) {
            JsonObject node = schema;
            for (String step : key.split("\\.")) {
                assertThat(node.getValue("additionalProperties")).as("closed above " + key).isEqualTo(false);
                node = node.getJsonObject("properties").getJsonObject(step);
                assertThat(node).as("schema of " + key).isNotNull();
            }
            assertThat(node.getValue("type")).as("type of " + key).isNotNull();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> leaves(Map<String, Object> map, String prefix) {
        List<String> keys = new ArrayList<>();
        map.forEach((name, value) -> {
            String key = prefix + name;
            boolean resources = key.endsWith("resources.requests") || key.endsWith("resources.limits");
            if (value instanceof Map<?, ?> nested && !FREE_FORM.contains(key) && !nested.isEmpty() && !selector(key)) {
                keys.addAll(resources ? ((Map<String, Object>) nested).keySet().stream().map(k -> key + "." + k).toList()
                        : leaves((Map<String, Object>) nested, key + "."));
            } else {
                keys.add(key);
            }
        });
        return keys;
    }

    private static boolean selector(String key) {
        return key.endsWith("namespaceSelector") || key.endsWith("podSelector");
    }
}
