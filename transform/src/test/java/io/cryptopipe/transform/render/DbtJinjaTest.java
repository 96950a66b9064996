package io.cryptopipe.transform.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.transform.CompileResults;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.TestProject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dbt Jinja that Jinjava reads differently from Jinja2, and macros, rendered as dbt renders them. */
class DbtJinjaTest {
    @TempDir
    Path dir;

    private String compile(TestProject project, String model) {
        CompileResults results = project.engine().compile(List.of(model));
        assertThat(results.success()).as("%s", results.results()).isTrue();
        return results.model(model).orElseThrow().sql().strip();
    }

    @Test
    void macroReturnGivesTheCallerAnObjectNotText() {
        TestProject project = TestProject.duckDb(dir)
                .file("macros/cols.sql", """
                        {% macro columns_of(kind) %}
                          {% if kind == 'price' %}{{ return(['bid', 'ask']) }}{% endif %}
                          {{ return(['qty']) }}
                        {% endmacro %}
                        """)
                .file("models/m.sql", "select {{ columns_of('price') | join(', ') }}, {{ columns_of('x')[0] }}");
        assertThat(compile(project, "m")).isEqualTo("select bid, ask, qty");
    }

    @Test
    void adapterDispatchPrefersTheAdapterImplementationThenDefault() {
        TestProject project = TestProject.duckDb(dir)
                .file("macros/dispatch.sql", """
                        {% macro now_utc() %}{{ return(adapter.dispatch('now_utc', 'shop')()) }}{% endmacro %}
                        {% macro default__now_utc() %}current_timestamp{% endmacro %}
                        {% macro duckdb__now_utc() %}now() at time zone 'UTC'{% endmacro %}
                        {% macro label(x, suffix='!') %}{{ adapter.dispatch('label')(x, suffix=suffix) }}{% endmacro %}
                        {% macro default__label(x, suffix) %}{{ x }}{{ suffix }}{% endmacro %}
                        """)
                .file("models/m.sql", "select {{ now_utc() }} as t, '{{ label('a', suffix='?') }}' as l");
        assertThat(compile(project, "m")).isEqualTo("select now() at time zone 'UTC' as t, 'a?' as l");
    }

    @Test
    void raiseCompilerErrorAtExecuteTimeFailsTheModelWithTheMessage() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/m.sql", "{% if execute and var('mode', 'x') == 'x' %}{{ exceptions"
                        + ".raise_compiler_error('mode must be set') }}{% endif %}select 1");
        CompileResults results = project.engine().compile(List.of("m"));
        assertThat(results.results()).extracting(NodeResult::message).singleElement().asString()
                .contains("model m (models/m.sql)").contains("mode must be set");
    }

    @Test
    void arithmeticWithoutSpacesAndPythonStringMethodsWork() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/m.sql", """
                        {% set n = 2 %}select {{ n+1 }} as a, {{ n-1 }} as b, '{{ 'AbC'.lower() }}{{ 'x'.upper() }}' as c,
                        {{ 'abc'.startswith('a') }} as d, '{{ "a+1" }}' as e, {{ 1e-3 * 1000 }} as f
                        """);
        assertThat(compile(project, "m")).isEqualTo("""
                select 3 as a, 1 as b, 'abcX' as c,
                true as d, 'a+1' as e, 1.0 as f""");
    }

    @Test
    void configInTheModelBeatsPropertiesYamlWhichBeatsTheProjectFile() {
        TestProject project = TestProject.duckDb(dir)
                .file("dbt_project.yml", """
                        name: shop
                        profile: shop
                        models:
                          shop:
                            +materialized: view
                            +tags: [project]
                        """)
                .file("models/props.yml", """
                        version: 2
                        models:
                          - name: in_model
                            config: {materialized: table}
                          - name: in_props
                            config: {materialized: table, tags: [props]}
                        """)
                .file("models/in_model.sql", "{{ config(materialized='ephemeral') }}select '{{ config.get('materialized') }}' as m")
                .file("models/in_props.sql", "select '{{ config.get('materialized') }}' as m, '{{ config.get('tags') | join(',') }}' as t")
                .file("models/in_project.sql", "select '{{ config.get('materialized') }}' as m");
        assertThat(compile(project, "in_model")).isEqualTo("select 'ephemeral' as m");
        assertThat(compile(project, "in_props")).isEqualTo("select 'table' as m, 'project,props' as t");
        assertThat(compile(project, "in_project")).isEqualTo("select 'view' as m");
    }

    @Test
    void ephemeralModelsAreInlinedAsCtesMergedWithTheModelsOwnWith() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/base.sql", "{{ config(materialized='ephemeral') }}select 1 as id")
                .file("models/middle.sql", "{{ config(materialized='ephemeral') }}select id from {{ ref('base') }}")
                .file("models/top.sql", "with extra as (select 2 as id)\nselect * from {{ ref('middle') }} union all select * from extra");
        assertThat(compile(project, "top")).isEqualTo("""
                with __dbt__cte__base as (
                select 1 as id
                ), __dbt__cte__middle as (
                select id from __dbt__cte__base
                ), extra as (select 2 as id)
                select * from __dbt__cte__middle union all select * from extra""");
    }
}
