package io.cryptopipe.app.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether DuckDB has given up on the warehouse. After a fatal internal error (seen when a rollback itself ran out of
 * memory) DuckDB invalidates the database: every statement of the process fails until the process opens the file
 * anew, which replays its write-ahead log. Only a restart helps then, and it loses nothing.
 */
public final class WarehouseInvalidation {
    private static final String INVALIDATED = "database has been invalidated";

    private WarehouseInvalidation() {
    }

    /** @return DuckDB's one-line reason if the connection's database has been invalidated, else null */
    public static String of(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return null;
        } catch (SQLException e) {
            return of(e);
        }
    }

    /** @return the exception's first line if it says the database has been invalidated, else null */
    static String of(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains(INVALIDATED)) {
            return null;
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
