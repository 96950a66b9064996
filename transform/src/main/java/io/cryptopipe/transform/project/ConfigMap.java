package io.cryptopipe.transform.project;

import io.cryptopipe.transform.DbtConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML mapping read with types checked once, where every error names the file and the full key path,
 * e.g. {@code profiles.yml: 'cryptopipe.outputs.dev.threads' must be a positive integer}.
 */
public record ConfigMap(Path file, String prefix, Map<String, Object> values) {
    public ConfigMap {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static ConfigMap of(Path file, String prefix, Map<?, ?> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(String.valueOf(k), v));
        return new ConfigMap(file, prefix, values);
    }

    public String keyPath(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    public DbtConfigException error(String key, String problem) {
        return new DbtConfigException(file + ": '" + keyPath(key) + "' " + problem);
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> error(key, "is required"));
    }

    public Optional<String> optionalString(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw error(key, "must be a single value, not " + (value instanceof Map ? "a mapping" : "a list"));
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            throw error(key, "must not be empty");
        }
        return Optional.of(text);
    }

    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    public int positiveInt(String key, int defaultValue) {
        Optional<String> text = optionalString(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below together with the non-positive case
        }
        throw error(key, "must be a positive integer, got '" + text.get() + "'");
    }

    /** A list of strings; a single string is accepted as a one-element list, as dbt does. */
    public List<String> stringList(String key, List<String> defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (item == null || item instanceof Map || item instanceof List) {
                    throw error(key, "must be a list of strings");
                }
                out.add(String.valueOf(item));
            }
            return List.copyOf(out);
        }
        if (value instanceof Map) {
            throw error(key, "must be a list of strings, not a mapping");
        }
        return List.of(String.valueOf(value));
    }

    public ConfigMap map(String key) {
        Object value = values.get(key);
        if (value == null) {
            return new ConfigMap(file, keyPath(key), Map.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error(key, "must be a mapping");
        }
        return of(file, keyPath(key), map);
    }

    /** A list whose items must all be mappings, e.g. {@code models:} in a properties file. */
    public List<ConfigMap> mapList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw error(key, "must be a list");
        }
        List<ConfigMap> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                throw error(key + "[" + i + "]", "must be a mapping");
            }
            out.add(of(file, keyPath(key) + "[" + i + "]", item));
        }
        return out;
    }
}
