package io.cryptopipe.app.warehouse;

import io.cryptopipe.app.cli.UserError;

import java.util.Locale;
import java.util.Set;

/**
 * A single read-only statement, as the SQL console and {@code cryptopipe sql} accept it. The check is on the leading
 * keyword and the statement count; DuckDB still enforces read-only where the connection is opened read-only.
 */
public record ReadOnlyQuery(String sql) {
    private static final Set<String> READ_KEYWORDS = Set.of("select", "with", "from", "describe", "show", "summarize", "explain", "values", "table");

    public ReadOnlyQuery {
        sql = strip(sql);
        if (sql.isEmpty()) {
            throw new UserError("empty query: pass one SQL statement, e.g. \"select count(*) from bronze_data\"");
        }
        if (sql.indexOf(';') >= 0) {
            throw new UserError("only one statement at a time: remove the ';' inside the query");
        }
        String keyword = sql.split("[\\s(]+", 2)[0].toLowerCase(Locale.ROOT);
        if (!READ_KEYWORDS.contains(keyword)) {
            throw new UserError("only read-only queries (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN) are accepted, got '"
                    + keyword.toUpperCase(Locale.ROOT) + "'");
        }
    }

    private static String strip(String sql) {
        String trimmed = sql == null ? "" : sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }
}
