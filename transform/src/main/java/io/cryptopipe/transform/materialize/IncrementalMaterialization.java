package io.cryptopipe.transform.materialize;

import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.warehouse.Relation;
import io.cryptopipe.transform.warehouse.RelationType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dbt's incremental materialization: the first build (or {@code --full-refresh}, or a view in the way) builds the
 * whole table like {@code table}; later builds stage the model's rows (filtered by the model's own
 * {@code is_incremental()} branch) in the dialect's staging table ({@code <name>__dbt_tmp}) and apply them with the
 * configured strategy in one transaction (an append whose columns match, on a dialect that allows it, inserts the
 * model's rows directly).
 * Without {@code incremental_strategy}, a model with {@code unique_key} uses delete+insert and one
 * without uses append, as dbt-duckdb does.
 */
public final class IncrementalMaterialization implements Materialization {
    private final TableMaterialization table = new TableMaterialization();

    @Override
    public String name() {
        return "incremental";
    }

    @Override
    public String build(ModelBuild build) throws SQLException {
        Relation target = build.relation();
        Optional<RelationType> existing = build.dialect().find(build.connection(), target);
        if (existing.isEmpty() || existing.get() == RelationType.VIEW || build.fullRefresh()) {
            return table.build(build);
        }
        List<String> uniqueKey = ConfigValues.list(build.config(), "unique_key");
        String strategy = ConfigValues.string(build.config(), "incremental_strategy",
                uniqueKey.isEmpty() ? "append" : "delete+insert");
        if (!List.of("append", "merge", "delete+insert").contains(strategy)) {
            throw new DbtException("incremental_strategy '" + strategy
                    + "' is not supported; use append, merge or delete+insert");
        }
        if (strategy.equals("delete+insert") && uniqueKey.isEmpty()) {
            throw new DbtException("incremental_strategy 'delete+insert' needs a unique_key");
        }
        if (strategy.equals("append") && build.dialect().appendsWithoutStaging()) {
            List<String> targetColumns = build.columns(target);
            List<String> selected = build.selectColumns();
            if (sameColumns(targetColumns, selected)) {
                String names = String.join(", ", targetColumns.stream().map(build.dialect()::quote).toList());
                build.inTransaction(List.of("insert into " + build.dialect().render(target) + " (" + names
                        + ") select " + names + " from (\n" + build.selectSql() + "\n) as dbt_new_rows"));
                return "OK";
            }
        }
        Relation staged = build.dialect().stagingTable(
                target.withIdentifier(target.identifier() + TableMaterialization.TEMP_SUFFIX));
        build.execute(build.dialect().dropIfExists(staged, RelationType.TABLE));
        build.execute(build.dialect().createStagingTableAs(staged, build.selectSql()));
        try {
            List<String> columns = reconcileColumns(build, target, staged);
            build.inTransaction(statements(build, strategy, target, staged, uniqueKey, columns));
        } finally {
            build.execute(build.dialect().dropIfExists(staged, RelationType.TABLE));
        }
        return "OK";
    }

    /** The same column names, whatever their order or case: no on_schema_change to apply. */
    private static boolean sameColumns(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().allMatch(c -> ConfigValues.containsIgnoreCase(b, c));
    }

    /** Applies on_schema_change and returns the columns to write: the target's, plus any added. */
    private static List<String> reconcileColumns(ModelBuild build, Relation target, Relation staged)
            throws SQLException {
        List<String> targetColumns = build.columns(target);
        List<String> stagedColumns = build.columns(staged);
        List<String> added = stagedColumns.stream()
                .filter(c -> !ConfigValues.containsIgnoreCase(targetColumns, c)).toList();
        List<String> removed = targetColumns.stream()
                .filter(c -> !ConfigValues.containsIgnoreCase(stagedColumns, c)).toList();
        String onSchemaChange = ConfigValues.string(build.config(), "on_schema_change", "ignore");
        switch (onSchemaChange) {
            case "ignore" -> {
                return targetColumns.stream().filter(c -> ConfigValues.containsIgnoreCase(stagedColumns, c))
                        .toList();
            }
            case "fail" -> {
                if (!added.isEmpty() || !removed.isEmpty()) {
                    throw new DbtException("The source and target schemas on this incremental model are out of "
                            + "sync (on_schema_change: fail); columns added: " + added + ", removed: " + removed
                            + "; run with --full-refresh or change on_schema_change");
                }
                return targetColumns;
            }
            case "append_new_columns" -> {
                for (String column : added) {
                    build.execute(build.dialect().addColumn(target, column, typeOf(build, staged, column)));
                }
                List<String> out = new ArrayList<>(targetColumns.stream()
                        .filter(c -> ConfigValues.containsIgnoreCase(stagedColumns, c)).toList());
                out.addAll(added);
                return out;
            }
            default -> throw new DbtException("on_schema_change '" + onSchemaChange
                    + "' is not supported; use ignore, fail or append_new_columns");
        }
    }

    private static String typeOf(ModelBuild build, Relation staged, String column) throws SQLException {
        Object type = build.queryValue("select data_type from information_schema.columns where table_catalog = '"
                + staged.database().replace("'", "''") + "' and table_schema = '"
                + staged.schema().replace("'", "''") + "' and table_name = '"
                + staged.identifier().replace("'", "''") + "' and column_name = '" + column.replace("'", "''") + "'");
        return String.valueOf(type);
    }

    private static List<String> statements(ModelBuild build, String strategy, Relation target, Relation staged,
                                           List<String> uniqueKey, List<String> columns) {
        var dialect = build.dialect();
        String names = String.join(", ", columns.stream().map(dialect::quote).toList());
        String insert = "insert into " + dialect.render(target) + " (" + names + ") select " + names + " from "
                + dialect.render(staged);
        return switch (strategy) {
            case "append" -> List.of(insert);
            case "merge" -> List.of(dialect.merge(target, staged, uniqueKey, columns));
            default -> List.of("delete from " + dialect.render(target) + " as DBT_INTERNAL_DEST using "
                    + dialect.render(staged) + " as DBT_INTERNAL_SOURCE where " + String.join(" and ",
                    uniqueKey.stream().map(k -> "DBT_INTERNAL_DEST." + dialect.quote(k) + " = DBT_INTERNAL_SOURCE."
                            + dialect.quote(k)).toList()), insert);
        };
    }
}
