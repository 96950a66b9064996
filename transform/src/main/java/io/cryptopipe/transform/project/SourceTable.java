package io.cryptopipe.transform.project;

import java.util.List;
import java.util.Map;

/**
 * One table of a {@code sources:} entry.
 *
 * @param database null to use the target's database, as dbt does
 */
public record SourceTable(String uniqueId, String sourceName, String name, String database, String schema,
                          String identifier, String description, Map<String, ColumnInfo> columns,
                          String originalFilePath, List<Object> tests, Map<String, List<Object>> columnTests) {
    public SourceTable {
        tests = List.copyOf(tests);
        columnTests = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columnTests));
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
    }

    public static String uniqueId(String packageName, String sourceName, String tableName) {
        return "source." + packageName + "." + sourceName + "." + tableName;
    }
}
