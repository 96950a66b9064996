package io.cryptopipe.transform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** dbt run-operation: a project macro called with keyword arguments, its run_query statements run on the target. */
class RunOperationIT {
    private static final String MACROS = """
            {% macro keep_recent(days, table_name) -%}
                {%- do run_query("delete from " ~ ref(table_name) ~ " where age > " ~ days) -%}
                {%- do run_query("insert into " ~ ref(table_name) ~ " values (0)") -%}
            {%- endmacro %}

            {% macro broken() -%}
                {%- do run_query("delete from no_such_table") -%}
                {%- do run_query("create table analytics.should_not_exist (x int)") -%}
            {%- endmacro %}
            """;

    @TempDir
    Path dir;

    @Test
    void runsTheMacrosStatementsInOrderWithItsArgumentsAndCountsTheRowsTheyChanged() {
        TestProject project = project();
        assertThat(project.engine().run(List.of()).success()).isTrue();

        OperationResult result = project.engine().runOperation("keep_recent", Map.of("days", 2, "table_name", "ages"));

        assertThat(result.rowsChanged()).containsExactly(3L, 1L);
        assertThat(result.totalRowsChanged()).isEqualTo(4);
        assertThat(project.rows("select age from analytics.ages order by age")).containsExactly(
                List.of(0), List.of(1), List.of(2));
    }

    @Test
    void aFailingStatementStopsTheOperationBeforeTheNextOne() {
        TestProject project = project();

        assertThatThrownBy(() -> project.engine().runOperation("broken", Map.of()))
                .isInstanceOf(DbtException.class).hasMessageContaining("Database Error in operation broken");
        assertThat(project.rows("select count(*) from information_schema.tables where table_name = 'should_not_exist'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void anUnknownMacroIsAnErrorNamingIt() {
        assertThatThrownBy(() -> project().engine().runOperation("nothing_here", Map.of()))
                .isInstanceOf(DbtCompilationException.class).hasMessageContaining("no macro named 'nothing_here'");
    }

    private TestProject project() {
        return TestProject.duckDb(dir)
                .file("models/ages.sql", "{{ config(materialized='table') }} select range::int as age from range(1, 6)")
                .file("macros/operations.sql", MACROS);
    }
}
