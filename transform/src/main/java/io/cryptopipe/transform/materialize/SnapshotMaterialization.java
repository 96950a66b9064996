package io.cryptopipe.transform.materialize;

import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.warehouse.Relation;
import io.cryptopipe.transform.warehouse.RelationType;
import io.cryptopipe.transform.warehouse.WarehouseDialect;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * dbt's snapshot (type-2 history) with the {@code timestamp} and {@code check} strategies. Each row carries
 * {@code dbt_scd_id} (md5 of the key and its updated_at), {@code dbt_updated_at}, {@code dbt_valid_from} and
 * {@code dbt_valid_to} (NULL, or {@code dbt_valid_to_current}, while current). A changed source row closes the
 * current version at the new updated_at and opens a new one; {@code hard_deletes} decides what a row missing from
 * the source does: {@code ignore} nothing, {@code invalidate} closes it at the run's time, {@code new_record} also
 * adds a version with {@code dbt_is_deleted = 'True'}. Source columns added later are added to the snapshot.
 * The check strategy's updated_at and every deletion time are the invocation's start time.
 */
public final class SnapshotMaterialization implements Materialization {
    private static final List<String> META = List.of("dbt_scd_id", "dbt_updated_at", "dbt_valid_from",
            "dbt_valid_to");
    private static final String DELETED = "dbt_is_deleted";

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public String build(ModelBuild build) throws SQLException {
        Settings settings = Settings.of(build);
        WarehouseDialect d = build.dialect();
        Relation target = build.relation();
        build.ensureSchema();
        Optional<RelationType> existing = d.find(build.connection(), target);
        if (existing.isEmpty()) {
            build.execute(d.createTableAs(target, "select *, " + metaColumns(settings, d, "src", "src")
                    + " from (\n" + build.selectSql() + "\n) src"));
            return "OK";
        }
        if (existing.get() != RelationType.TABLE) {
            throw new DbtException(d.render(target) + " exists as a view; a snapshot needs a table (drop it)");
        }
        Relation staged = target.withIdentifier(target.identifier() + "__dbt_staging");
        build.execute(d.dropIfExists(staged, RelationType.TABLE));
        build.execute(d.createTableAs(staged, build.selectSql()));
        try {
            List<String> sourceColumns = build.columns(staged);
            List<String> snapshotColumns = build.columns(target);
            for (String column : sourceColumns) {
                if (!ConfigValues.containsIgnoreCase(snapshotColumns, column)) {
                    Object type = build.queryValue("select data_type from information_schema.columns where "
                            + "table_schema = '" + staged.schema() + "' and table_name = '" + staged.identifier()
                            + "' and column_name = '" + column.replace("'", "''") + "'");
                    build.execute(d.addColumn(target, column, String.valueOf(type)));
                }
            }
            if (settings.hardDeletes.equals("new_record")
                    && !ConfigValues.containsIgnoreCase(build.columns(target), DELETED)) {
                build.execute(d.addColumn(target, DELETED, "varchar"));
            }
            build.inTransaction(changes(settings, d, target, staged, sourceColumns));
        } finally {
            build.execute(d.dropIfExists(staged, RelationType.TABLE));
        }
        return "OK";
    }

    private static List<String> changes(Settings s, WarehouseDialect d, Relation target, Relation staged,
                                        List<String> sourceColumns) {
        String t = d.render(target);
        String src = d.render(staged);
        String keyJoin = s.uniqueKey.stream().map(k -> "snap." + d.quote(k) + " = src." + d.quote(k))
                .collect(Collectors.joining(" and "));
        String current = s.current("snap");
        String changed = s.changed(d, "snap", "src", sourceColumns);
        String reappeared = s.hardDeletes.equals("new_record") ? " or snap." + DELETED + " = 'True'" : "";
        String columns = sourceColumns.stream().map(d::quote).collect(Collectors.joining(", "));
        String allColumns = columns + ", " + String.join(", ", META)
                + (s.hardDeletes.equals("new_record") ? ", " + DELETED : "");
        List<String> out = new ArrayList<>();
        // new versions first, judged against the current versions before they are closed below
        out.add("insert into " + t + " (" + allColumns + ") select "
                + sourceColumns.stream().map(c -> "src." + d.quote(c)).collect(Collectors.joining(", ")) + ", "
                + metaColumns(s, d, "src", "src") + " from " + src + " src where not exists (select 1 from " + t
                + " snap where " + keyJoin + " and " + current + ") or exists (select 1 from " + t + " snap where "
                + keyJoin + " and " + current + " and (" + changed + reappeared + "))");
        // the versions just inserted equal their source rows, so this closes only the versions they replace
        out.add("update " + t + " as snap set dbt_valid_to = " + s.updatedAt("src") + " from " + src
                + " src where " + keyJoin + " and " + current + " and (" + changed + reappeared + ")");
        if (!s.hardDeletes.equals("ignore")) {
            String missing = "not exists (select 1 from " + src + " src where " + keyJoin + ")";
            String notYetDeleted = s.hardDeletes.equals("new_record")
                    ? " and coalesce(snap." + DELETED + ", 'False') != 'True'" : "";
            if (s.hardDeletes.equals("new_record")) {
                String keep = sourceColumns.stream().map(c -> "snap." + d.quote(c)).collect(Collectors.joining(", "));
                out.add("insert into " + t + " (" + allColumns + ") select " + keep + ", "
                        + d.hashArguments(keyExpressions(s, d, "snap", s.now)) + ", " + s.now + ", " + s.now + ", "
                        + s.validToOpen(s.now) + ", 'True' from " + t + " snap where " + current + notYetDeleted
                        + " and " + missing);
            }
            out.add("update " + t + " as snap set dbt_valid_to = " + s.now + " where " + current + notYetDeleted
                    + " and " + missing);
        }
        return out;
    }

    private static String metaColumns(Settings s, WarehouseDialect d, String row, String alias) {
        String updatedAt = s.updatedAt(alias);
        return d.hashArguments(keyExpressions(s, d, row, updatedAt)) + " as dbt_scd_id, "
                + updatedAt + " as dbt_updated_at, "
                + updatedAt + " as dbt_valid_from, "
                + s.validToOpen(updatedAt) + " as dbt_valid_to"
                + (s.hardDeletes.equals("new_record") ? ", 'False' as " + DELETED : "");
    }

    private static List<String> keyExpressions(Settings s, WarehouseDialect d, String alias, String updatedAt) {
        List<String> out = new ArrayList<>(s.uniqueKey.stream().map(k -> alias + "." + d.quote(k)).toList());
        out.add(updatedAt);
        return out;
    }

    /** A snapshot's config, validated once. */
    private record Settings(List<String> uniqueKey, String strategy, String updatedAtColumn, List<String> checkCols,
                            String hardDeletes, String validToCurrent, String now) {
        static Settings of(ModelBuild build) {
            var config = build.config();
            List<String> uniqueKey = ConfigValues.list(config, "unique_key");
            if (uniqueKey.isEmpty()) {
                throw new DbtException("snapshot config 'unique_key' is required");
            }
            String strategy = ConfigValues.string(config, "strategy", "");
            String updatedAt = config.get("updated_at").map(String::valueOf).orElse(null);
            List<String> checkCols = ConfigValues.list(config, "check_cols");
            switch (strategy) {
                case "timestamp" -> {
                    if (updatedAt == null) {
                        throw new DbtException("snapshot strategy 'timestamp' needs config 'updated_at'");
                    }
                }
                case "check" -> {
                    if (checkCols.isEmpty()) {
                        throw new DbtException("snapshot strategy 'check' needs config 'check_cols' (a list or 'all')");
                    }
                }
                default -> throw new DbtException("snapshot config 'strategy' must be timestamp or check, got '"
                        + strategy + "'");
            }
            boolean legacyInvalidate = config.get("invalidate_hard_deletes")
                    .map(v -> Boolean.parseBoolean(String.valueOf(v))).orElse(false);
            String hardDeletes = ConfigValues.string(config, "hard_deletes",
                    legacyInvalidate ? "invalidate" : "ignore");
            if (!List.of("ignore", "invalidate", "new_record").contains(hardDeletes)) {
                throw new DbtException("snapshot config 'hard_deletes' must be ignore, invalidate or new_record, "
                        + "got '" + hardDeletes + "'");
            }
            return new Settings(uniqueKey, strategy, updatedAt, checkCols, hardDeletes,
                    config.get("dbt_valid_to_current").map(String::valueOf).orElse(null),
                    build.dialect().timestampLiteral(build.runStartedAt()));
        }

        String updatedAt(String alias) {
            return strategy.equals("timestamp") ? alias + "." + updatedAtColumn : now;
        }

        String validToOpen(String updatedAt) {
            String none = "nullif(" + updatedAt + ", " + updatedAt + ")";
            return validToCurrent == null ? none : "coalesce(" + none + ", " + validToCurrent + ")";
        }

        String current(String alias) {
            return validToCurrent == null ? alias + ".dbt_valid_to is null"
                    : "(" + alias + ".dbt_valid_to is null or " + alias + ".dbt_valid_to = " + validToCurrent + ")";
        }

        String changed(WarehouseDialect d, String snap, String src, List<String> sourceColumns) {
            if (strategy.equals("timestamp")) {
                return snap + ".dbt_valid_from < " + src + "." + updatedAtColumn;
            }
            List<String> columns = checkCols.size() == 1 && checkCols.get(0).equalsIgnoreCase("all")
                    ? sourceColumns.stream().filter(c -> !ConfigValues.containsIgnoreCase(uniqueKey, c)).toList()
                    : checkCols;
            return columns.stream().map(c -> {
                String a = snap + "." + d.quote(c);
                String b = src + "." + d.quote(c);
                return "(" + a + " != " + b + " or (" + a + " is null) != (" + b + " is null))";
            }).collect(Collectors.joining(" or "));
        }
    }
}
