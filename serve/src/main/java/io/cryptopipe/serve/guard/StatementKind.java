package io.cryptopipe.serve.guard;

import java.util.Locale;
import java.util.Set;

/**
 * What a statement does to the warehouse, judged by its leading keyword: the session statements clients send on
 * connect are answered without touching the warehouse, statements that write or reach outside it are refused, and
 * the rest are reads, which {@link QueryGuard} checks with DuckDB's parser (so a typo is a syntax error, not a write).
 */
public enum StatementKind {
    READ, SESSION, WRITE, EMPTY;

    private static final Set<String> WRITE_KEYWORDS = Set.of("insert", "update", "delete", "merge", "upsert",
            "create", "drop", "alter", "truncate", "comment", "copy", "attach", "detach", "use", "install", "load",
            "pragma", "call", "checkpoint", "force", "vacuum", "analyze", "export", "import", "prepare", "execute",
            "grant", "revoke", "lock", "refresh", "reindex", "cluster", "replace", "do", "listen", "notify");
    private static final Set<String> SESSION_KEYWORDS = Set.of("set", "reset", "begin", "start", "commit", "end",
            "rollback", "abort", "discard", "deallocate", "savepoint", "release", "unlisten");

    public static StatementKind of(String sql) {
        String keyword = leadingKeyword(sql);
        if (keyword.isEmpty()) {
            return EMPTY;
        }
        if (SESSION_KEYWORDS.contains(keyword)) {
            return SESSION;
        }
        return WRITE_KEYWORDS.contains(keyword) ? WRITE : READ;
    }

    /** The first word of the statement in lower case ("(" for a parenthesised query), comments skipped. */
    public static String leadingKeyword(String sql) {
        String rest = sql.substring(SqlText.skipCommentsAndSpace(sql, 0));
        if (rest.isEmpty()) {
            return "";
        }
        if (rest.charAt(0) == '(') {
            return "(";
        }
        int end = 0;
        while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_')) {
            end++;
        }
        return rest.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
