package io.cryptopipe.transform.project;

import java.util.List;
import java.util.Map;

/**
 * A model as loaded from disk, before rendering.
 *
 * @param originalFilePath path relative to the project dir with forward slashes, as dbt reports it
 * @param fqn              project name, folders under the model path, model name
 * @param config           config from dbt_project.yml and properties YAML; {@code config()} calls come later
 */
public record ModelNode(String uniqueId, String name, String packageName, String originalFilePath,
                        List<String> fqn, String rawSql, String description, Map<String, ColumnInfo> columns,
                        ModelConfig config) {
    public ModelNode {
        fqn = List.copyOf(fqn);
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
    }

    public static String uniqueId(String packageName, String name) {
        return "model." + packageName + "." + name;
    }
}
