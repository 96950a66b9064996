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
    public String createOrReplaceView(Relation view, String selectSql) {
        return "create or replace view " + render(view) + " as (\n" + selectSql + "\n)";
    }

    @Override
    public String createTableAs(Relation table, String selectSql) {
        return "create table " + render(table) + " as (\n" + selectSql + "\n)";
    }

    @Override
    public String drop(Relation relation, RelationType type) {
        return "drop " + keyword(type) + " " + render(relation);
    }

    @Override
    public String dropIfExists(Relation relation, RelationType type) {
        return "drop " + keyword(type) + " if exists " + render(relation);
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

    private static String keyword(RelationType type) {
        return type == RelationType.VIEW ? "view" : "table";
    }
}
