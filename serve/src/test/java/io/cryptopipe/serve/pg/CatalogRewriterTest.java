package io.cryptopipe.serve.pg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL-only catalog syntax that drivers send becomes what DuckDB runs. */
class CatalogRewriterTest {
    private final CatalogRewriter rewriter = new CatalogRewriter();

    @Test
    void psqlsRegexOperatorAndCollationAreDropped() {
        assertThat(rewriter.rewrite("WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default"))
                .isEqualTo("WHERE c.relname ~ '^(t)$'");
    }

    @Test
    void objectIdentifierCastsBecomeLookupsOrNumbers() {
        assertThat(rewriter.rewrite("d.classoid = 'pg_class'::regclass")).isEqualTo("d.classoid = cp_regclass('pg_class')");
        assertThat(rewriter.rewrite("select c.oid::pg_catalog.regclass::pg_catalog.text")).isEqualTo("select c.oid::BIGINT::VARCHAR");
    }

    @Test
    void thePgCatalogQualifierIsDroppedSoTheSessionsShadowsAnswer() {
        assertThat(rewriter.rewrite("select pg_catalog.format_type(a.atttypid, -1) from pg_catalog.pg_attribute a"))
                .isEqualTo("select format_type(a.atttypid, -1) from pg_attribute a");
    }

    @Test
    void ordinaryQueriesAreLeftAlone() {
        String query = "select ticker, sum(total_amount_usd) from consumption_trades group by 1";
        assertThat(rewriter.rewrite(query)).isSameAs(query);
    }

    @Test
    void pgjdbcsPrimaryKeyQueryReadsDuckDbsConstraintsKeepingItsParameters() {
        String pgjdbc = "SELECT current_database() AS TABLE_CAT, n.nspname AS TABLE_SCHEM,   ct.relname AS TABLE_NAME,"
                + " a.attname AS COLUMN_NAME,   (information_schema._pg_expandarray(con.conkey)).n AS KEY_SEQ, con.conname AS PK_NAME,"
                + "   information_schema._pg_expandarray(con.conkey) AS KEYS, a.attnum AS A_ATTNUM FROM pg_catalog.pg_constraint con"
                + " WHERE con.contype = 'p'  AND n.nspname = $1 AND ct.relname = $2";
        assertThat(rewriter.rewrite(pgjdbc)).contains("duckdb_constraints()", "table_name = $2", "schema_name = $1");
    }
}
