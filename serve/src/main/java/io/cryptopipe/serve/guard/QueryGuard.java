package io.cryptopipe.serve.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps readers' queries inside the warehouse: DuckDB parses the query ({@code json_serialize_sql}) and the syntax tree
 * is checked so that no table function reads files or the network ({@code read_csv}, {@code read_parquet}, ...), no
 * table reference is a file path (DuckDB's replacement scans turn {@code FROM 'x.csv'} into a file read) and no scalar
 * function reads the environment or files. The pipeline's own writers still need file access, so this is done per
 * query rather than by switching external access off for the whole database. Used by the console, {@code sql}, the
 * API and the PostgreSQL endpoint alike.
 */
public final class QueryGuard {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generators and DuckDB's own catalog functions, which read nothing outside the warehouse's metadata. */
    private static final Set<String> ALLOWED_TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest",
            "duckdb_tables", "duckdb_columns", "duckdb_views", "duckdb_schemas", "duckdb_databases",
            "duckdb_constraints", "duckdb_indexes", "duckdb_types", "duckdb_functions", "duckdb_keywords",
            "duckdb_dependencies", "pragma_table_info");
    private static final Set<String> DENIED_FUNCTIONS = Set.of("getenv", "read_text", "read_blob", "current_setting");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern EXPLAIN = Pattern.compile("(?is)\\s*explain(\\s+analy[sz]e)?\\s+(.*)");

    /** @throws QueryRefused if the query does not parse, is not a read, or reads outside the warehouse */
    public void check(Connection connection, String sql) {
        Matcher explain = EXPLAIN.matcher(sql);
        String query = explain.matches() ? explain.group(2) : sql;
        JsonNode tree = parse(connection, query);
        if (tree.path("error").asBoolean(false)) {
            String message = tree.path("error_message").asText();
            if (message.startsWith("Only SELECT statements")) {
                throw new QueryRefused(SqlState.READ_ONLY_TRANSACTION,
                        "the warehouse is read-only over this port: only SELECT, WITH, SHOW, EXPLAIN and DESCRIBE run");
            }
            throw new QueryRefused(SqlState.SYNTAX_ERROR, "query does not parse: " + message);
        }
        walk(tree);
    }

    private void walk(JsonNode node) {
        if (node.isObject()) {
            String type = node.path("type").asText("");
            if (type.equals("TABLE_FUNCTION")) {
                String name = node.path("function").path("function_name").asText("").toLowerCase(Locale.ROOT);
                if (!ALLOWED_TABLE_FUNCTIONS.contains(name)) {
                    throw new QueryRefused(SqlState.INSUFFICIENT_PRIVILEGE, "queries cannot call the table function " + name
                            + "(): only tables and views of the warehouse can be read");
                }
            }
            if (type.equals("BASE_TABLE")) {
                String table = node.path("table_name").asText("");
                if (!PLAIN_NAME.matcher(table).matches()) {
                    throw new QueryRefused(SqlState.INSUFFICIENT_PRIVILEGE, "queries cannot read files ('" + table
                            + "'): only tables and views of the warehouse can be read");
                }
            }
            if (node.path("class").asText("").equals("FUNCTION")) {
                String name = node.path("function_name").asText("").toLowerCase(Locale.ROOT);
                if (DENIED_FUNCTIONS.contains(name)) {
                    throw new QueryRefused(SqlState.INSUFFICIENT_PRIVILEGE, "queries cannot call " + name + "()");
                }
            }
            node.elements().forEachRemaining(this::walk);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(this::walk);
        }
    }

    private static JsonNode parse(Connection connection, String sql) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select json_serialize_sql('" + sql.replace("'", "''") + "')")) {
            rs.next();
            return JSON.readTree(rs.getString(1));
        } catch (SQLException | IOException e) {
            throw new QueryRefused(SqlState.SYNTAX_ERROR,
                    "query cannot be checked: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
