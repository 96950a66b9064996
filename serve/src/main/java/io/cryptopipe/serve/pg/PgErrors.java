package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.QueryRefused;
import io.cryptopipe.serve.guard.SqlState;

import java.sql.SQLException;

/** DuckDB's errors as PostgreSQL clients expect them: an SQLSTATE and the first line of the message. */
final class PgErrors {
    private PgErrors() {
    }

    static QueryRefused of(SQLException e, boolean timedOut, boolean canceled, long timeoutSeconds) {
        String message = firstLine(e.getMessage());
        if (timedOut) {
            return new QueryRefused(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout ("
                    + timeoutSeconds + " s; the pipeline's --query-timeout)");
        }
        if (canceled || message.contains("INTERRUPT") || message.contains("Interrupted")) {
            return new QueryRefused(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        if (message.startsWith("Catalog Error: Table with name") || message.startsWith("Catalog Error: Table or view")) {
            return new QueryRefused(SqlState.UNDEFINED_TABLE, message);
        }
        if (message.startsWith("Parser Error")) {
            return new QueryRefused(SqlState.SYNTAX_ERROR, message);
        }
        if (message.startsWith("Binder Error") && message.contains("not found")) {
            return new QueryRefused(SqlState.UNDEFINED_COLUMN, message);
        }
        if (message.startsWith("Conversion Error") || message.startsWith("Invalid Input Error")) {
            return new QueryRefused(SqlState.INVALID_TEXT_REPRESENTATION, message);
        }
        if (message.startsWith("Out of Memory Error")) {
            return new QueryRefused(SqlState.OUT_OF_MEMORY, message);
        }
        if (message.startsWith("Catalog Error") || message.startsWith("Binder Error")) {
            return new QueryRefused(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, message);
        }
        return new QueryRefused(SqlState.INTERNAL_ERROR, message);
    }

    static String firstLine(String text) {
        String message = String.valueOf(text);
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
