package io.cryptopipe.transform.materialize;

import io.cryptopipe.transform.project.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the materialization configs that may be a string or a list, such as {@code unique_key}. */
final class ConfigValues {
    private ConfigValues() {
    }

    static List<String> list(ModelConfig config, String key) {
        Optional<Object> value = config.get(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof Iterable<?> items) {
            List<String> out = new ArrayList<>();
            items.forEach(item -> out.add(String.valueOf(item).trim()));
            return out;
        }
        String text = String.valueOf(value.get()).trim();
        return text.isEmpty() ? List.of() : List.of(text);
    }

    static String string(ModelConfig config, String key, String defaultValue) {
        return config.get(key).map(String::valueOf).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .orElse(defaultValue);
    }

    /** Equal ignoring case, as unquoted identifiers compare in the warehouse. */
    static boolean containsIgnoreCase(List<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }
}
