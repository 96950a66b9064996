package io.cryptopipe.transform.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.transform.CompileResults;
import io.cryptopipe.transform.DbtCompilationException;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering through {@code compile}, which renders like dbt without touching the warehouse. */
class ModelRenderingTest {
    @TempDir
    Path dir;

    private String compiled(TestProject project, String model) {
        CompileResults results = project.engine().compile(List.of(model));
        assertThat(results.success()).as("%s", results.results()).isTrue();
        return results.model(model).orElseThrow().sql().strip();
    }

    @Test
    void refRendersTheQuotedRelationOfTheReferencedModel() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/orders.sql", "select 1 as id")
                .file("models/order_totals.sql", "select * from {{ ref('orders') }}");

        assertThat(compiled(project, "order_totals"))
                .isEqualTo("select * from \"warehouse\".\"analytics\".\"orders\"");
    }

    @Test
    void twoArgumentRefNamesTheProject() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/orders.sql", "select 1 as id")
                .file("models/order_totals.sql", "select * from {{ ref('shop', 'orders') }}");

        assertThat(compiled(project, "order_totals"))
                .isEqualTo("select * from \"warehouse\".\"analytics\".\"orders\"");
    }

    @Test
    void refFollowsTheReferencedModelsAliasAndCustomSchema() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/orders.sql", "{{ config(alias='orders_v2', schema='staging') }}select 1 as id")
                .file("models/order_totals.sql", "select * from {{ ref('orders') }}");

        assertThat(compiled(project, "order_totals"))
                .isEqualTo("select * from \"warehouse\".\"analytics_staging\".\"orders_v2\"");
    }

    @Test
    void sourceUsesTheDeclaredSchemaAndIdentifier() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/sources.yml", """
                        version: 2
                        sources:
                          - name: kafka
                            schema: public
                            tables:
                              - name: trades
                                identifier: stock_trades_raw
                          - name: erp
                            database: other_db
                            tables:
                              - name: customers
                        """)
                .file("models/raw.sql", "select * from {{ source('kafka', 'trades') }}, {{ source('erp', 'customers') }}");

        assertThat(compiled(project, "raw")).isEqualTo(
                "select * from \"warehouse\".\"public\".\"stock_trades_raw\", \"other_db\".\"erp\".\"customers\"");
    }

    @Test
    void configCallPrintsNothingAndIsVisibleToConfigGet() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/m.sql", "{{ config(materialized='table', tags=['finance']) }}"
                        + "-- {{ config.get('materialized') }} {{ config.get('unique_key', 'none') }}\nselect 1");

        assertThat(compiled(project, "m")).isEqualTo("-- table none\nselect 1");
    }

    @Test
    void thisIsTheModelsOwnRelation() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/m.sql", "{{ config(alias='mm') }}select '{{ this }}' as r, '{{ this.schema }}' as s");

        assertThat(compiled(project, "m"))
                .isEqualTo("select '\"warehouse\".\"analytics\".\"mm\"' as r, 'analytics' as s");
    }

    @Test
    void varReadsCliVarsThenProjectVarsThenTheDefault() {
        TestProject project = TestProject.duckDb(dir)
                .file("dbt_project.yml", """
                        name: shop
                        profile: shop
                        vars:
                          region: eu
                          limit: 5
                        """)
                .cliVar("limit", 10)
                .file("models/m.sql", "select '{{ var('region') }}', {{ var('limit') }}, '{{ var('absent', 'dflt') }}'");

        assertThat(compiled(project, "m")).isEqualTo("select 'eu', 10, 'dflt'");
    }

    @Test
    void envVarPrefersTheInjectedEnvironment() {
        TestProject project = TestProject.duckDb(dir)
                .env("SHOP_REGION", "apac")
                .file("models/m.sql", "select '{{ env_var('SHOP_REGION', 'eu') }}', '{{ env_var('SHOP_UNSET_X', 'x') }}'");

        assertThat(compiled(project, "m")).isEqualTo("select 'apac', 'x'");
    }

    @Test
    void targetAndIsIncrementalDescribeAFullBuild() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/m.sql", """
                        select '{{ target.name }}', '{{ target.schema }}', '{{ target.type }}'
                        {% if is_incremental() %}where false{% endif %}""");

        assertThat(compiled(project, "m")).isEqualTo("select 'dev', 'analytics', 'duckdb'");
    }

    @Test
    void compiledSqlIsWrittenUnderTargetCompiled() throws Exception {
        TestProject project = TestProject.duckDb(dir).file("models/marts/m.sql", "select 1");

        project.engine().compile(List.of());

        assertThat(Files.readString(dir.resolve("target/compiled/shop/models/marts/m.sql"))).isEqualTo("select 1");
        assertThat(dir.resolve("target/manifest.json")).exists();
    }

    @Test
    void missingVarFailsParsingNamingTheModel() {
        TestProject project = TestProject.duckDb(dir).file("models/m.sql", "select {{ var('absent') }}");

        assertThatThrownBy(project::engine)
                .isInstanceOf(DbtCompilationException.class)
                .hasMessageContaining("model m (models/m.sql)")
                .hasMessageContaining("Required var 'absent' not found");
    }

    @Test
    void refToAnUnknownModelFailsParsing() {
        TestProject project = TestProject.duckDb(dir).file("models/m.sql", "select * from {{ ref('nope') }}");

        assertThatThrownBy(project::engine)
                .isInstanceOf(DbtCompilationException.class)
                .hasMessageContaining("model m (models/m.sql): depends on a node named 'nope' which was not found");
    }

    @Test
    void brokenJinjaIsACompilationError() {
        TestProject project = TestProject.duckDb(dir).file("models/m.sql", "select {% if %}");

        assertThatThrownBy(project::engine)
                .isInstanceOf(DbtCompilationException.class)
                .hasMessageContaining("model m (models/m.sql)");
    }

    @Test
    void configFromTheParseRenderShapesTheCompileRender() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/m.sql", "{% if not execute %}{{ config(alias='parsed') }}{% endif %}"
                        + "select '{{ this.identifier }}'");

        assertThat(compiled(project, "m")).isEqualTo("select 'parsed'");
    }
}
