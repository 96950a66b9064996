package io.cryptopipe.transform.warehouse;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.project.WarehouseTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DuckDB, configured like dbt-duckdb: {@code path} (default {@code :memory:}; relative paths resolve against
 * the working directory) and the database named after the file without its extension.
 */
public final class DuckDbDialect implements WarehouseDialect {
    private static final String MEMORY = ":memory:";

    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public void validate(WarehouseTarget target) {
        String path = target.setting("path").orElse(MEMORY);
        if (path.isBlank()) {
            throw new DbtConfigException(target.source() + ": '" + target.keyPath("path") + "' must not be empty");
        }
        if (!path.equals(MEMORY) && path.endsWith("/")) {
            throw new DbtConfigException(target.source() + ": '" + target.keyPath("path")
                    + "' must name a database file, got the folder '" + path + "'");
        }
    }

    @Override
    public String jdbcUrl(WarehouseTarget target) {
        return "jdbc:duckdb:" + location(target);
    }

    @Override
    public Connection connect(WarehouseTarget target) throws SQLException {
        String location = location(target);
        if (!location.isEmpty()) {
            // DuckDB creates the file but not its folder; a fresh --data-dir should just work
            try {
                Files.createDirectories(Path.of(location).getParent());
            } catch (IOException e) {
                throw new SQLException("cannot create the folder of " + location + ": " + e.getMessage(), e);
            }
        }
        return DriverManager.getConnection(jdbcUrl(target));
    }

    /** DuckDB lets one process open a file once; further connections must share that database instance. */
    @Override
    public Connection connectAnother(Connection first, WarehouseTarget target) throws SQLException {
        return first.unwrap(org.duckdb.DuckDBConnection.class).duplicate();
    }

    @Override
    public String database(WarehouseTarget target) {
        String location = location(target);
        if (location.isEmpty()) {
            return "memory";
        }
        String fileName = Path.of(location).getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** The absolute database file, or empty for an in-memory database. */
    private static String location(WarehouseTarget target) {
        String path = target.setting("path").orElse(MEMORY);
        return path.equals(MEMORY) ? "" : Path.of(path).toAbsolutePath().normalize().toString();
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String createSchemaIfNotExists(String database, String schema) {
        return "create schema if not exists " + quote(database) + "." + quote(schema);
    }


    @Override
    public String createTableAs(Relation table, String selectSql) {
        return "create table " + render(table) + " as (\n" + selectSql + "\n)";
    }

    /**
     * A temporary table of the build's connection, as dbt-duckdb stages: it lives in memory, so the new rows are
     * written to the database file once (into the target) instead of twice, and a crash leaves nothing behind.
     */
    @Override
    public Relation stagingTable(Relation besideModel) {
        return new Relation("temp", "main", besideModel.identifier());
    }

    /** One INSERT ... SELECT applies the rows atomically, and they are then materialized once instead of twice. */
    @Override
    public boolean appendsWithoutStaging() {
        return true;
    }

    @Override
    public String createStagingTableAs(Relation staged, String selectSql) {
        return "create temporary table " + render(staged) + " as (\n" + selectSql + "\n)";
    }



    @Override
    public String rename(Relation relation, RelationType type, String newIdentifier) {
        return "alter " + keyword(type) + " " + render(relation) + " rename to " + quote(newIdentifier);
    }

    @Override
    public String beginTransaction() {
        return "begin transaction";
    }

    @Override
    public String commit() {
        return "commit";
    }

    @Override
    public String rollback() {
        return "rollback";
    }

    @Override
    public Optional<RelationType> find(Connection connection, Relation relation) throws SQLException {
        String sql = "select table_type from information_schema.tables "
                + "where table_catalog = ? and lower(table_schema) = lower(?) and lower(table_name) = lower(?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, relation.database());
            statement.setString(2, relation.schema());
            statement.setString(3, relation.identifier());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of("VIEW".equalsIgnoreCase(rows.getString(1)) ? RelationType.VIEW : RelationType.TABLE);
            }
        }
    }

    @Override
    public List<String> columns(Connection connection, Relation relation) throws SQLException {
        String sql = "select column_name from information_schema.columns "
                + "where table_catalog = ? and table_schema = ? and table_name = ? order by ordinal_position";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, relation.database());
            statement.setString(2, relation.schema());
            statement.setString(3, relation.identifier());
            List<String> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
            return out;
        }
    }

    @Override
    public String addColumn(Relation table, String column, String dataType) {
        return "alter table " + render(table) + " add column " + quote(column) + " " + dataType;
    }

    @Override
    public String merge(Relation target, Relation source, List<String> uniqueKey, List<String> columns) {
        String on = uniqueKey.isEmpty() ? "false" : String.join(" and ", uniqueKey.stream()
                .map(k -> "DBT_INTERNAL_DEST." + quote(k) + " = DBT_INTERNAL_SOURCE." + quote(k)).toList());
        String set = String.join(", ", columns.stream()
                .map(c -> quote(c) + " = DBT_INTERNAL_SOURCE." + quote(c)).toList());
        String names = String.join(", ", columns.stream().map(this::quote).toList());
        String values = String.join(", ", columns.stream().map(c -> "DBT_INTERNAL_SOURCE." + quote(c)).toList());
        return "merge into " + render(target) + " as DBT_INTERNAL_DEST using " + render(source)
                + " as DBT_INTERNAL_SOURCE on (" + on + ")"
                + (uniqueKey.isEmpty() ? "" : " when matched then update set " + set)
                + " when not matched then insert (" + names + ") values (" + values + ")";
    }

    @Override
    public String timestampLiteral(java.time.Instant instant) {
        return "cast('" + java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC) + "' as timestamp)";
    }

    @Override
    public String hashArguments(List<String> expressions) {
        return "md5(" + String.join(" || '|' || ", expressions.stream()
                .map(e -> "coalesce(cast(" + e + " as varchar), '')").toList()) + ")";
    }

}
