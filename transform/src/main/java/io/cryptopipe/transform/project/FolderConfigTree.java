package io.cryptopipe.transform.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code models:} tree of dbt_project.yml. Keys starting with {@code +} are configs; other keys holding a
 * mapping are folders (or a model's name), except configs that are themselves mappings; other scalar keys are
 * configs, as dbt accepts them unprefixed.
 */
public record FolderConfigTree(ConfigMap root) {
    private static final Set<String> MAPPING_CONFIGS =
            Set.of("meta", "docs", "persist_docs", "grants", "quoting", "contract", "labels");

    /** Configs applying to the node with this fqn (project name, folders..., model name), outermost first. */
    public ModelConfig resolve(List<String> fqn) {
        ModelConfig config = ModelConfig.empty().overriddenBy(configsAt(root));
        ConfigMap level = root;
        for (String part : fqn) {
            if (!(level.values().get(part) instanceof Map) || MAPPING_CONFIGS.contains(part)) {
                break;
            }
            level = level.map(part);
            config = config.overriddenBy(configsAt(level));
        }
        return config;
    }

    private static Map<String, Object> configsAt(ConfigMap level) {
        Map<String, Object> configs = new LinkedHashMap<>();
        level.values().forEach((key, value) -> {
            if (key.startsWith("+")) {
                configs.put(key.substring(1), value);
            } else if (!(value instanceof Map) || MAPPING_CONFIGS.contains(key)) {
                configs.put(key, value);
            }
        });
        return configs;
    }
}
