package jp.jpkigate.helm;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** What the rendered Deployment hands the gateway: its config.json and its environment. */
final class Helpers {
    /** What the Secrets the chart references would hold, by the variable they feed. */
    static final Map<String, String> SECRET_VALUES = Map.of(
            "JPKI_GATE_REVOCATION_CLIENTS", "bank-a=" + "ab".repeat(32),
            "JPKI_GATE_ADMIN_TOKENS", "ops=" + "cd".repeat(32),
            "REDIS_PASSWORD", "pw",
            "REDIS_URL", "rediss://:pw@redis:6379");

    private Helpers() {
    }

    /** The gateway's config.json from the rendered ConfigMap. */
    static JsonObject configJson(Chart.Rendered rendered) {
        return new JsonObject(rendered.named("ConfigMap", Chart.RELEASE + "-jpki-gate-config").key("data", "config.json"));
    }

    /**
     * The container's environment as the kubelet would give it: values from Secrets replaced by
     * {@code secrets} (by variable name; else {@link #SECRET_VALUES}), {@code $(VAR)} references expanded.
     */
    static Map<String, String> env(Chart.Rendered rendered, Map<String, String> secrets) {
        Map<String, String> env = new HashMap<>();
        for (Yamls variable : rendered.one("Deployment").each("spec.template.spec.containers[0].env")) {
            String name = variable.str("name");
            String value = variable.at("valueFrom") != null ? secrets.getOrDefault(name, SECRET_VALUES.get(name)) : variable.str("value");
            for (Map.Entry<String, String> defined : env.entrySet()) {
                value = value.replace("$(" + defined.getKey() + ")", defined.getValue());
            }
            env.put(name, value);
        }
        return env;
    }
}
