package io.cryptopipe.transform.render;

import io.cryptopipe.transform.project.ModelConfig;
import io.cryptopipe.transform.project.ModelNode;
import io.cryptopipe.transform.project.SourceTable;
import io.cryptopipe.transform.project.WarehouseTarget;
import io.cryptopipe.transform.warehouse.Relation;

/**
 * dbt's default generate_database_name, generate_schema_name and generate_alias_name: a custom schema
 * becomes {@code <target_schema>_<custom>}, an alias replaces the model name.
 */
public record RelationNaming(WarehouseTarget target, String targetDatabase) {
    public Relation model(ModelNode node, ModelConfig config) {
        // legacy snapshots name their schema outright; everything else goes through generate_schema_name
        String database = config.get("target_database").or(() -> config.get("database")).map(String::valueOf)
                .orElse(targetDatabase);
        String schema = config.get("target_schema").map(String::valueOf)
                .orElseGet(() -> config.schema().map(custom -> target.schema() + "_" + custom)
                        .orElse(target.schema()));
        return new Relation(database, schema, config.alias().orElse(node.name()));
    }

    public Relation source(SourceTable table) {
        return new Relation(table.database() != null ? table.database() : targetDatabase, table.schema(),
                table.identifier());
    }
}
