package io.cryptopipe.app.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.cli.UserError;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps console queries inside the warehouse: DuckDB parses the query ({@code json_serialize_sql}) and the syntax tree
 * is checked so that no table function reads files or the network ({@code read_csv}, {@code read_parquet}, ...), no
 * table reference is a file path (DuckDB's replacement scans turn {@code FROM 'x.csv'} into a file read) and no scalar
 * function reads the environment. The pipeline's own writers still need file access, so this is done per query rather
 * than by switching external access off for the whole database.
 */
public final class ConsoleQueryGuard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ALLOWED_TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest");
    private static final Set<String> DENIED_FUNCTIONS = Set.of("getenv", "read_text", "read_blob", "current_setting");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    public void check(Connection connection, ReadOnlyQuery query) {
        JsonNode tree = parse(connection, query.sql());
        if (tree.path("error").asBoolean(false)) {
            throw new UserError("query does not parse: " + tree.path("error_message").asText(), io.cryptopipe.app.cli.ExitCodes.WORK_FAILED);
        }
        walk(tree);
    }

    private void walk(JsonNode node) {
        if (node.isObject()) {
            String type = node.path("type").asText("");
            if (type.equals("TABLE_FUNCTION")) {
                String name = node.path("function").path("function_name").asText("").toLowerCase(Locale.ROOT);
                if (!ALLOWED_TABLE_FUNCTIONS.contains(name)) {
                    throw new UserError("console queries cannot call the table function " + name
                            + "(): only tables and views of the warehouse can be read");
                }
            }
            if (type.equals("BASE_TABLE")) {
                String table = node.path("table_name").asText("");
                if (!PLAIN_NAME.matcher(table).matches()) {
                    throw new UserError("console queries cannot read files ('" + table + "'): only tables and views of the warehouse can be read");
                }
            }
            if (node.path("class").asText("").equals("FUNCTION")) {
                String name = node.path("function_name").asText("").toLowerCase(Locale.ROOT);
                if (DENIED_FUNCTIONS.contains(name)) {
                    throw new UserError("console queries cannot call " + name + "()");
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
            throw new UserError("query cannot be checked: " + e.getMessage().lines().findFirst().orElse(""),
                    io.cryptopipe.app.cli.ExitCodes.WORK_FAILED);
        }
    }
}
