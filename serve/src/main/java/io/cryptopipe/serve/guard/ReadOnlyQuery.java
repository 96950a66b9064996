package io.cryptopipe.serve.guard;

import java.util.List;
import java.util.Locale;

/**
 * A single read-only statement, as the SQL console, {@code cryptopipe sql} and the API accept it: one statement whose
 * leading keyword reads. {@link QueryGuard} then checks what it reads.
 */
public record ReadOnlyQuery(String sql) {
    public ReadOnlyQuery {
        List<String> statements = SqlText.split(sql == null ? "" : sql);
        if (statements.isEmpty()) {
            throw new QueryRefused(SqlState.SYNTAX_ERROR,
                    "empty query: pass one SQL statement, e.g. \"select count(*) from bronze_data\"");
        }
        if (statements.size() > 1) {
            throw new QueryRefused(SqlState.SYNTAX_ERROR, "only one statement at a time: remove the ';' inside the query");
        }
        sql = statements.get(0);
        if (StatementKind.of(sql) == StatementKind.WRITE) {
            throw new QueryRefused(SqlState.READ_ONLY_TRANSACTION,
                    "only read-only queries (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN) are accepted, got '"
                            + StatementKind.leadingKeyword(sql).toUpperCase(Locale.ROOT) + "'");
        }
    }
}
