package jp.jpkigate.helm;

import java.util.List;
import java.util.Map;

/** A parsed YAML object read by dotted paths: {@code spec.template.spec.containers[0].image}. */
record Yamls(Object root) {
    /** The value at {@code path}; {@code null} when any step is missing. */
    Object at(String path) {
        Object current = root;
        for (String step : path.split("\\.")) {
            String key = step;
            Integer index = null;
            int bracket = step.indexOf('[');
            if (bracket >= 0) {
                key = step.substring(0, bracket);
                index = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
            }
            if (!key.isEmpty()) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(key);
            }
            if (index != null) {
                if (!(current instanceof List<?> list) || index >= list.size()) {
                    return null;
                }
                current = list.get(index);
            }
        }
        return current;
    }

    /** The string under {@code key} (which may hold dots, as {@code config.json}) of the map at {@code path}. */
    String key(String path, String key) {
        Object value = map(path).get(key);
        return value == null ? null : value.toString();
    }

    Yamls get(String path) {
        return new Yamls(at(path));
    }

    String str(String path) {
        Object value = at(path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String path) {
        Object value = at(path);
        return value == null ? List.of() : (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String path) {
        Object value = at(path);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** The elements of the list at {@code path}. */
    List<Yamls> each(String path) {
        return list(path).stream().map(Yamls::new).toList();
    }
}
