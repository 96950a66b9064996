package io.cryptopipe.app.http;

import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.app.warehouse.QueryRunner;
import io.cryptopipe.app.runtime.ServingSettings;
import io.cryptopipe.serve.guard.ReadOnlyQuery;
import io.cryptopipe.app.warehouse.WarehouseFile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/relations}: the warehouse's tables and views in schema public with their columns and types, row counts
 * and freshness;
 * {@code GET /api/relations/preview?name=x}: the first rows of one of them.
 */
public final class RelationsRoute implements JsonRoute {
    /** Columns whose maximum tells how fresh a relation is, in order of preference. */
    private static final List<String> FRESHNESS_COLUMNS = List.of("loaded_at", "last_loaded_at", "trade_time", "candle_minute", "dbt_updated_at", "started_at");

    private final WarehouseFile warehouse;

    public RelationsRoute(WarehouseFile warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Object handle(ApiRequest request) {
        try (Connection connection = warehouse.open(false)) {
            List<Map<String, Object>> relations = relations(connection);
            if (request.uri().getPath().endsWith("/preview")) {
                String name = request.queryParameter("name").orElseThrow(() -> new UserError("missing query parameter name"));
                if (relations.stream().noneMatch(r -> r.get("name").equals(name))) {
                    throw new UserError("no relation '" + name + "' in schema public");
                }
                return new QueryRunner(50, ServingSettings.DEFAULT_QUERY_TIMEOUT).run(connection, new ReadOnlyQuery("select * from \"public\"." + quoted(name) + " limit 50"));
            }
            return Map.of("relations", relations);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list relations: " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> relations(Connection connection) throws SQLException {
        List<Map<String, Object>> relations = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select table_name, table_type from information_schema.tables"
                     + " where table_schema = 'public' order by table_name")) {
            while (rs.next()) {
                Map<String, Object> relation = new LinkedHashMap<>();
                relation.put("name", rs.getString(1));
                relation.put("kind", rs.getString(2).equals("VIEW") ? "view" : "table");
                relations.add(relation);
            }
        }
        for (Map<String, Object> relation : relations) {
            String name = (String) relation.get("name");
            List<Map<String, String>> columns = columns(connection, name);
            relation.put("columns", columns);
            Set<String> names = columns.stream().map(c -> c.get("name").toLowerCase()).collect(Collectors.toSet());
            String freshness = FRESHNESS_COLUMNS.stream().filter(names::contains).findFirst().orElse(null);
            String sql = "select count(*)" + (freshness == null ? "" : ", cast(max(" + quoted(freshness) + ") as varchar)")
                    + " from \"public\"." + quoted(name);
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                relation.put("rows", rs.getLong(1));
                relation.put("freshness", freshness == null ? null : rs.getString(2));
            } catch (SQLException e) {
                relation.put("rows", null);
                relation.put("error", e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return relations;
    }

    /** A catalog name as an identifier: only names read from the catalog get here, and quotes in them stay names. */
    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The relation's columns in table order, each as {@code {"name", "type"}}. */
    private static List<Map<String, String>> columns(Connection connection, String relation) throws SQLException {
        List<Map<String, String>> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select column_name, data_type from information_schema.columns"
                + " where table_schema = 'public' and table_name = ? order by ordinal_position")) {
            statement.setString(1, relation);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(Map.of("name", rs.getString(1), "type", rs.getString(2)));
                }
            }
        }
        return columns;
    }
}
