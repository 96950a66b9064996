package io.cryptopipe.app.warehouse;

import io.cryptopipe.app.cli.UserError;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded warehouse: one DuckDB file under the data directory, schema {@code public}, named so that the original
 * design's {@code STREAMING_DB.PUBLIC.CONSUMPTION_TRADES} resolves verbatim (the catalog is the file's base name).
 */
public record WarehouseFile(Path path) {
    public static final String FILE_NAME = "streaming_db.duckdb";
    public static final String SCHEMA = "public";
    private static final Pattern LOCK_HOLDER = Pattern.compile("\\(PID (\\d+)\\)");

    public static WarehouseFile in(Path dataDir) {
        return new WarehouseFile(dataDir.toAbsolutePath().normalize().resolve(FILE_NAME));
    }

    public String jdbcUrl() {
        return "jdbc:duckdb:" + path;
    }

    /** A connection whose unqualified names resolve in schema {@code public}. */
    public Connection open(boolean readOnly) {
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        }
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl(), props);
            try (Statement statement = connection.createStatement()) {
                if (!readOnly) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
                }
                statement.execute("SET schema = '" + SCHEMA + "'");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private UserError translate(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
            Matcher pid = LOCK_HOLDER.matcher(message);
            String holder = pid.find() ? "process " + pid.group(1) : "another process";
            return new UserError("the warehouse file " + path + " is locked by " + holder
                    + " (a running `cryptopipe up`?): stop it, or query it through its HTTP API with the same --data-dir and --http-port");
        }
        if (readOnlyOnMissingFile(message)) {
            return new UserError("no warehouse at " + path + ": start the pipeline first (`./cryptopipe up`) or pass the right --data-dir");
        }
        return new UserError("cannot open the warehouse " + path + ": " + firstLine(message));
    }

    private static boolean readOnlyOnMissingFile(String message) {
        return message.contains("database does not exist") || message.contains("Cannot open database") && message.contains("read-only");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
