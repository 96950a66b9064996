package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.transform.NodeResult.Status;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalIT {
    private static final String BALANCES = "select account, currency, amount, cast(updated_at as varchar) from %s "
            + "order by account, currency, updated_at";

    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void rawTable() {
        project = TestProject.duckDb(dir).copyOf("incremental");
        project.sql("create schema raw",
                "create table raw.balances (account varchar, currency varchar, amount integer, updated_at timestamp)",
                "insert into raw.balances values ('a', 'EUR', 10, '2024-01-01 00:00:00'), "
                        + "('a', 'USD', 5, '2024-01-01 00:00:00'), ('b', 'EUR', 7, '2024-01-01 00:00:00')");
    }

    @Test
    void mergeAndDeleteInsertAfterSeveralRunsEqualAFullRefresh() {
        DbtEngine engine = project.engine();
        assertThat(engine.run(List.of()).success()).isTrue();
        // run 2: a/EUR changes, c/EUR is new; the source keeps history, as a change feed would
        project.sql("insert into raw.balances values ('a', 'EUR', 12, '2024-01-02 00:00:00'), "
                + "('c', 'EUR', 1, '2024-01-02 00:00:00')");
        assertThat(engine.run(List.of()).success()).isTrue();
        // run 3: a/EUR changes again, b/EUR changes
        project.sql("insert into raw.balances values ('a', 'EUR', 15, '2024-01-03 00:00:00'), "
                + "('b', 'EUR', 0, '2024-01-03 00:00:00')");
        assertThat(engine.run(List.of()).success()).isTrue();

        List<List<Object>> incremental = project.rows(BALANCES.formatted("analytics.balances_merged"));
        assertThat(incremental).containsExactly(
                List.of("a", "EUR", 15, "2024-01-03 00:00:00"),
                List.of("a", "USD", 5, "2024-01-01 00:00:00"),
                List.of("b", "EUR", 0, "2024-01-03 00:00:00"),
                List.of("c", "EUR", 1, "2024-01-02 00:00:00"));
        assertThat(project.rows(BALANCES.formatted("analytics.balances_replaced"))).isEqualTo(incremental);
        assertThat(project.rows(BALANCES.formatted("analytics.balance_log"))).hasSize(7);

        // a full refresh of a merged model keeps every version, since the SQL alone does not deduplicate:
        // the equality that holds is against the latest version per key of the full source
        assertThat(engine.run(new BuildRequest(List.of("balance_log"), List.of(), true, null)).success()).isTrue();
        assertThat(project.rows(BALANCES.formatted("analytics.balance_log")))
                .isEqualTo(project.rows(BALANCES.formatted("raw.balances")));
        assertThat(incremental).isEqualTo(project.rows("select account, currency, amount, cast(updated_at as "
                + "varchar) from raw.balances qualify row_number() over (partition by account, currency order by "
                + "updated_at desc) = 1 order by account, currency, updated_at"));
    }

    @Test
    void appendAddsOnlyNewRowsEachRun() {
        DbtEngine engine = project.engine();
        engine.run(List.of("balance_log"));
        project.sql("insert into raw.balances values ('d', 'EUR', 3, '2024-01-05 00:00:00')");
        engine.run(List.of("balance_log"));
        engine.run(List.of("balance_log"));

        assertThat(project.rows("select account from analytics.balance_log order by account"))
                .containsExactly(List.of("a"), List.of("a"), List.of("b"), List.of("d"));
    }

    @Test
    void fullRefreshRebuildsFromScratch() {
        DbtEngine engine = project.engine();
        engine.run(List.of("balance_log"));
        project.sql("delete from raw.balances where account = 'a'");

        engine.run(List.of("balance_log"));
        assertThat(project.rows("select count(*) from analytics.balance_log")).containsExactly(List.of(3L));
        engine.run(new BuildRequest(List.of("balance_log"), List.of(), true, null));
        assertThat(project.rows("select count(*) from analytics.balance_log")).containsExactly(List.of(1L));
    }

    @Test
    void isIncrementalIsFalseOnTheFirstRunAndWhenTheRelationIsAView() {
        project.file("models/flag.sql", """
                {{ config(materialized=var('flag_materialized', 'incremental')) }}
                select {{ 'true' if is_incremental() else 'false' }} as incremental_run
                """);
        project.cliVar("flag_materialized", "view");
        project.engine().run(List.of("flag"));
        project.cliVar("flag_materialized", "incremental");
        DbtEngine engine = project.engine();
        engine.run(List.of("flag"));
        assertThat(project.rows("select * from analytics.flag")).containsExactly(List.of(false));
        engine.run(List.of("flag"));
        assertThat(project.rows("select * from analytics.flag")).containsExactly(List.of(false), List.of(true));
    }

    @Test
    void onSchemaChangeAppendNewColumnsAddsTheColumnAndFailRefuses() {
        project.file("models/wide.sql", """
                {{ config(on_schema_change=var('osc')) }}
                select 1 as id{% if var('extra', false) %}, 'x' as note{% endif %}
                """);
        project.cliVar("osc", "fail");
        project.engine().run(List.of("wide"));
        project.cliVar("extra", true);

        RunResults failed = project.engine().run(List.of("wide"));
        assertThat(failed.results()).singleElement().extracting(NodeResult::status).isEqualTo(Status.ERROR);
        assertThat(failed.failures().get(0).message()).contains("out of sync").contains("note");

        project.cliVar("osc", "ignore");
        project.engine().run(List.of("wide"));
        assertThat(project.rows("select * from analytics.wide")).containsExactly(List.of(1), List.of(1));

        project.cliVar("osc", "append_new_columns");
        project.engine().run(List.of("wide"));
        assertThat(project.rows("select id, note from analytics.wide order by note nulls first"))
                .containsExactly(Arrays.asList(1, null), Arrays.asList(1, null), List.of(1, "x"));
    }
}
