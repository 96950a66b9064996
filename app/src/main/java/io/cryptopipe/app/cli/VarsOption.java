package io.cryptopipe.app.cli;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses dbt's {@code --vars '{key: value}'} (a YAML mapping). */
final class VarsOption {
    private VarsOption() {
    }

    static Map<String, Object> parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new UserError("--vars is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new UserError("--vars must be a YAML mapping such as '{start_date: 2026-01-01}', got: " + yaml);
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        map.forEach((k, v) -> vars.put(String.valueOf(k), v));
        return vars;
    }
}
