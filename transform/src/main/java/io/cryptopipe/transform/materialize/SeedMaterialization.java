package io.cryptopipe.transform.materialize;

import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.warehouse.Relation;
import io.cryptopipe.transform.warehouse.RelationType;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a seed CSV: column types inferred as dbt infers them unless {@code column_types} names them. An existing
 * table is emptied and reloaded (its columns kept, as dbt does); {@code --full-refresh} drops and recreates it.
 */
public final class SeedMaterialization implements Materialization {
    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String build(ModelBuild build) throws SQLException {
        CsvTable csv = read(build);
        Map<String, String> types = types(build, csv);
        Relation target = build.relation();
        var d = build.dialect();
        build.ensureSchema();
        Optional<RelationType> existing = d.find(build.connection(), target);
        List<String> statements = new ArrayList<>();
        if (existing.isPresent() && (build.fullRefresh() || existing.get() == RelationType.VIEW)) {
            statements.add(d.drop(target, existing.get()));
        }
        if (existing.isEmpty() || build.fullRefresh() || existing.get() == RelationType.VIEW) {
            List<String> columns = new ArrayList<>();
            types.forEach((name, type) -> columns.add(d.quote(name) + " " + type));
            statements.add("create table " + d.render(target) + " (" + String.join(", ", columns) + ")");
        } else {
            statements.add("delete from " + d.render(target));
        }
        // JDBC's own transaction, since DuckDB's batch insert refuses to run inside a SQL-level "begin"
        var connection = build.connection();
        connection.setAutoCommit(false);
        try {
            for (String sql : statements) {
                build.execute(sql);
            }
            insert(build, target, csv, types);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        return "INSERT " + csv.rows().size();
    }

    private static CsvTable read(ModelBuild build) {
        try {
            CsvTable csv = CsvTable.parse(Files.readString(build.file()));
            if (csv.header().isEmpty()) {
                throw new DbtException(build.file() + ": a seed needs a header row");
            }
            for (int i = 0; i < csv.rows().size(); i++) {
                if (csv.rows().get(i).size() != csv.header().size()) {
                    throw new DbtException(build.file() + ": row " + (i + 2) + " has " + csv.rows().get(i).size()
                            + " cells, the header has " + csv.header().size());
                }
            }
            return csv;
        } catch (IOException e) {
            throw new DbtException(build.file() + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, String> types(ModelBuild build, CsvTable csv) {
        Map<String, String> overrides = new LinkedHashMap<>();
        build.config().get("column_types").ifPresent(value -> {
            if (!(value instanceof Map<?, ?> map)) {
                throw new DbtException("seed config 'column_types' must map column names to types");
            }
            map.forEach((k, v) -> overrides.put(String.valueOf(k).toLowerCase(), String.valueOf(v)));
        });
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < csv.header().size(); i++) {
            int column = i;
            String name = csv.header().get(i);
            String override = overrides.get(name.toLowerCase());
            types.put(name, override != null ? override
                    : SeedTypes.infer(csv.rows().stream().map(r -> r.get(column)).toList()));
        }
        return types;
    }

    private static void insert(ModelBuild build, Relation target, CsvTable csv, Map<String, String> types)
            throws SQLException {
        var d = build.dialect();
        List<String> names = new ArrayList<>(types.keySet());
        List<String> casts = names.stream().map(n -> "cast(? as " + types.get(n) + ")").toList();
        String sql = "insert into " + d.render(target) + " ("
                + String.join(", ", names.stream().map(d::quote).toList()) + ") values ("
                + String.join(", ", casts) + ")";
        build.record(sql);
        try (PreparedStatement statement = build.connection().prepareStatement(sql)) {
            for (List<String> row : csv.rows()) {
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    statement.setString(i + 1, SeedTypes.isNull(cell) ? null : cell.strip());
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
