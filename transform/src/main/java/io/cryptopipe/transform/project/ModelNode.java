package io.cryptopipe.transform.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A buildable node as loaded from disk, before rendering: a model, a seed (its CSV in {@code file}) or a snapshot
 * (its {@code {% snapshot %}} body, or a generated select for a YAML snapshot, in {@code rawSql}).
 *
 * @param originalFilePath path relative to the project dir with forward slashes, as dbt reports it
 * @param fqn              project name, folders under the resource path, node name
 * @param config           config from dbt_project.yml and properties YAML; {@code config()} calls come later
 * @param propertiesTests  the node's {@code data_tests:} entries as YAML gives them; columnTests likewise per column
 */
public record ModelNode(String uniqueId, String name, String packageName, String originalFilePath,
                        List<String> fqn, String rawSql, String description, Map<String, ColumnInfo> columns,
                        ModelConfig config, ResourceType resourceType, Path file, List<Object> propertiesTests,
                        Map<String, List<Object>> columnTests) {
    public ModelNode {
        fqn = List.copyOf(fqn);
        propertiesTests = List.copyOf(propertiesTests);
        columnTests = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columnTests));
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
    }

    public ModelNode(String uniqueId, String name, String packageName, String originalFilePath, List<String> fqn,
                     String rawSql, String description, Map<String, ColumnInfo> columns, ModelConfig config) {
        this(uniqueId, name, packageName, originalFilePath, fqn, rawSql, description, columns, config,
                ResourceType.MODEL, null, List.of(), Map.of());
    }

    public static String uniqueId(String packageName, String name) {
        return "model." + packageName + "." + name;
    }
}
