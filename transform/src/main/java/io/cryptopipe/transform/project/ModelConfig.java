package io.cryptopipe.transform.project;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's config as dbt resolves it: dbt_project.yml folders, then properties YAML, then {@code config()} in the
 * model, each later layer overriding the earlier except {@code tags}, which accumulate.
 */
public record ModelConfig(Map<String, Object> values) {
    public static final String DEFAULT_MATERIALIZATION = "view";

    public ModelConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static ModelConfig empty() {
        return new ModelConfig(Map.of());
    }

    public ModelConfig overriddenBy(Map<String, ?> layer) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        layer.forEach((key, value) -> {
            if (key.equals("tags")) {
                LinkedHashSet<String> tags = new LinkedHashSet<>(tags());
                tags.addAll(asStrings(value));
                merged.put("tags", List.copyOf(tags));
            } else {
                merged.put(key, value);
            }
        });
        return new ModelConfig(merged);
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String materialized() {
        return get("materialized").map(String::valueOf).orElse(DEFAULT_MATERIALIZATION);
    }

    /** The custom schema, which dbt's generate_schema_name appends to the target schema. */
    public Optional<String> schema() {
        return get("schema").map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty());
    }

    public Optional<String> alias() {
        return get("alias").map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty());
    }

    public List<String> tags() {
        return get("tags").map(ModelConfig::asStrings).orElse(List.of());
    }

    public boolean enabled() {
        return get("enabled").map(v -> !String.valueOf(v).equalsIgnoreCase("false")).orElse(true);
    }

    private static List<String> asStrings(Object value) {
        if (value instanceof Iterable<?> items) {
            List<String> out = new ArrayList<>();
            items.forEach(item -> out.add(String.valueOf(item)));
            return out;
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
