package io.cryptopipe.transform.project;

import io.cryptopipe.transform.DbtCompilationException;
import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.jinja.EnvVarFunction;
import io.cryptopipe.transform.jinja.EnvVars;
import io.cryptopipe.transform.jinja.JinjaCallable;
import io.cryptopipe.transform.jinja.TemplateEngine;
import io.cryptopipe.transform.jinja.VarFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders the Jinja in YAML string values, as dbt does for dbt_project.yml and profiles.yml. */
final class TemplatedYaml {
    /** Hooks render later, per node, where {@code this} exists; dbt leaves them alone at load time too. */
    private static final Set<String> DEFERRED_KEYS = Set.of("pre-hook", "post-hook", "on-run-start", "on-run-end");

    private final TemplateEngine templates;
    private final Map<String, JinjaCallable> functions;

    TemplatedYaml(TemplateEngine templates, EnvVars env, Map<String, Object> vars) {
        this.templates = templates;
        this.functions = Map.of("env_var", new EnvVarFunction(env), "var", new VarFunction(vars));
    }

    ConfigMap render(ConfigMap raw) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        raw.values().forEach((key, value) -> rendered.put(key, renderValue(raw.file(), raw.keyPath(key), value)));
        return new ConfigMap(raw.file(), raw.prefix(), rendered);
    }

    private Object renderValue(Path file, String keyPath, Object value) {
        String key = keyPath.substring(keyPath.lastIndexOf('.') + 1).replaceFirst("^\\+", "");
        if (DEFERRED_KEYS.contains(key)) {
            return value;
        }
        if (value instanceof String text && (text.contains("{{") || text.contains("{%"))) {
            try {
                return templates.render(file.getFileName() + " key '" + keyPath + "'", text, Map.of(), functions);
            } catch (DbtCompilationException e) {
                throw new DbtConfigException(file + ": '" + keyPath + "': " + e.getMessage(), e);
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), renderValue(file, keyPath + "." + k, v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(renderValue(file, keyPath + "[" + i + "]", list.get(i)));
            }
            return out;
        }
        return value;
    }
}
