package io.cryptopipe.serve.pg;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the PostgreSQL-only syntax in the catalog queries that drivers and tools send into what DuckDB runs:
 * {@code OPERATOR(pg_catalog.~)}, {@code COLLATE pg_catalog.default}, object-identifier casts ({@code ::regclass},
 * {@code ::regtype}, {@code ::oid}, ...), and the {@code pg_catalog.} qualifier, so that {@link CatalogSetup}'s
 * temporary macros and views answer in place of DuckDB's built-ins.
 */
final class CatalogRewriter {
    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            rule("OPERATOR\\(\\s*pg_catalog\\.([~!=<>*]+)\\s*\\)", "$1"),
            rule("\\s+COLLATE\\s+(pg_catalog\\.)?\"?(default|C)\"?", ""),
            rule("'([^']*)'\\s*::\\s*(pg_catalog\\.)?regclass", "cp_regclass('$1')"),
            rule("'([^']*)'\\s*::\\s*(pg_catalog\\.)?regtype", "cp_regtype('$1')"),
            rule("::\\s*(pg_catalog\\.)?(regclass|regtype|regproc|regprocedure|regnamespace|regrole|oid|xid)\\b", "::BIGINT"),
            rule("::\\s*(pg_catalog\\.)?(name|\"char\"|text)\\b", "::VARCHAR"),
            rule("::\\s*(pg_catalog\\.)?(int2vector|oidvector)\\b", "::VARCHAR"),
            rule("::\\s*information_schema\\.\\w+", "::VARCHAR"),
            rule("\\bjson_build_object\\(", "json_object("),
            rule("\\bpg_catalog\\.", ""));

    private static String primaryKeys(String sql) {
        StringBuilder query = new StringBuilder("SELECT current_database() AS table_cat, schema_name AS table_schem, table_name,"
                + " unnest(constraint_column_names) AS column_name,"
                + " unnest(range(1, len(constraint_column_names) + 1)) AS key_seq, table_name || '_pkey' AS pk_name"
                + " FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND database_name = current_database()");
        Matcher table = TABLE_FILTER.matcher(sql);
        if (table.find()) {
            query.append(" AND table_name = ").append(table.group(1));
        }
        Matcher schema = SCHEMA_FILTER.matcher(sql);
        if (schema.find()) {
            query.append(" AND schema_name = ").append(schema.group(1));
        }
        return query.append(" ORDER BY table_name, pk_name, key_seq").toString();
    }

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), replacement);
    }

    /** pgjdbc's getPrimaryKeys expands pg_constraint.conkey with a set-returning function DuckDB does not have. */
    private static final Pattern PGJDBC_PRIMARY_KEYS = Pattern.compile(
            "(?s)SELECT .*information_schema\\._pg_expandarray\\(con\\.conkey\\).*con\\.contype = 'p'.*");
    private static final Pattern TABLE_FILTER = Pattern.compile("ct\\.relname = (\\$\\d+|E?'[^']*')");
    private static final Pattern SCHEMA_FILTER = Pattern.compile("n\\.nspname = (\\$\\d+|E?'[^']*')");

    String rewrite(String sql) {
        if (PGJDBC_PRIMARY_KEYS.matcher(sql).matches()) {
            return primaryKeys(sql);
        }
        if (!sql.contains("pg_") && !sql.contains("::") && !sql.toLowerCase(Locale.ROOT).contains("collate")) {
            return sql;
        }
        String rewritten = sql;
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(rewritten);
            rewritten = matcher.replaceAll(rule.replacement());
        }
        return rewritten;
    }
}
