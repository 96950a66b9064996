package io.cryptopipe.transform.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.transform.CompileResults;
import io.cryptopipe.transform.DbtEngine;
import io.cryptopipe.transform.EngineOptions;
import io.cryptopipe.transform.TestProject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snowflake SQL as text: no account is reachable here, so these pin the statements we would send. */
class SnowflakeDialectTest {
    private final SnowflakeDialect dialect = new SnowflakeDialect();
    private final Relation target = new Relation("ANALYTICS", "PUBLIC", "orders");
    private final Relation staged = new Relation("ANALYTICS", "PUBLIC", "orders__dbt_tmp");

    @TempDir
    Path dir;

    @Test
    void rendersRelationsUnquotedAndTablesTransient() {
        assertThat(dialect.render(target)).isEqualTo("ANALYTICS.PUBLIC.orders");
        assertThat(dialect.createTableAs(target, "select 1")).isEqualTo(
                "create or replace transient table ANALYTICS.PUBLIC.orders as (\nselect 1\n)");
        assertThat(dialect.quote("id")).isEqualTo("id");
        assertThat(dialect.quote("odd name")).isEqualTo("\"odd name\"");
    }

    @Test
    void mergesOnACompositeKey() {
        assertThat(dialect.merge(target, staged, List.of("account", "currency"), List.of("account", "currency",
                "amount"))).isEqualTo("merge into ANALYTICS.PUBLIC.orders as DBT_INTERNAL_DEST using "
                + "ANALYTICS.PUBLIC.orders__dbt_tmp as DBT_INTERNAL_SOURCE on (DBT_INTERNAL_DEST.account = "
                + "DBT_INTERNAL_SOURCE.account and DBT_INTERNAL_DEST.currency = DBT_INTERNAL_SOURCE.currency) "
                + "when matched then update set DBT_INTERNAL_DEST.account = DBT_INTERNAL_SOURCE.account, "
                + "DBT_INTERNAL_DEST.currency = DBT_INTERNAL_SOURCE.currency, DBT_INTERNAL_DEST.amount = "
                + "DBT_INTERNAL_SOURCE.amount when not matched then insert (account, currency, amount) values "
                + "(DBT_INTERNAL_SOURCE.account, DBT_INTERNAL_SOURCE.currency, DBT_INTERNAL_SOURCE.amount)");
    }

    @Test
    void hashesSnapshotKeysAsDbtDoes() {
        assertThat(dialect.hashArguments(List.of("src.id", "src.updated_at"))).isEqualTo(
                "md5(coalesce(cast(src.id as varchar), '') || '|' || coalesce(cast(src.updated_at as varchar), ''))");
        assertThat(dialect.timestampLiteral(Instant.parse("2024-01-02T03:04:05Z")))
                .isEqualTo("'2024-01-02T03:04:05'::timestamp_ntz");
    }

    @Test
    void compilesAProjectForASnowflakeTargetWithoutConnecting() {
        TestProject project = TestProject.duckDb(dir)
                .file("profiles.yml", """
                        shop:
                          target: dev
                          outputs:
                            dev: {type: duckdb, path: ":memory:", schema: analytics}
                            prod:
                              type: snowflake
                              account: xy12345
                              user: "{{ env_var('SNOWFLAKE_USER', 'loader') }}"
                              database: ANALYTICS
                              warehouse: TRANSFORMING
                              schema: PUBLIC
                        """)
                .file("macros/json.sql", """
                        {% macro json_text(column, key) %}{{ return(adapter.dispatch('json_text')(column, key)) }}{% endmacro %}
                        {% macro default__json_text(column, key) %}{{ column }} ->> '{{ key }}'{% endmacro %}
                        {% macro snowflake__json_text(column, key) %}{{ column }}:{{ key }}::varchar{% endmacro %}
                        """)
                .file("models/sources.yml", "sources:\n  - name: kafka\n    schema: RAW\n    tables:\n      - name: trades\n")
                .file("models/bronze.sql", "select {{ json_text('record_content', 'symbol') }} as symbol "
                        + "from {{ source('kafka', 'trades') }}");
        DbtEngine engine = new DbtEngine(new EngineOptions(dir, dir, "prod", Map.of(), Map.of(), dir.resolve("t")));

        CompileResults results = engine.compile(List.of());

        assertThat(results.model("bronze").orElseThrow().sql())
                .isEqualTo("select record_content:symbol::varchar as symbol from ANALYTICS.RAW.trades");
    }
}
