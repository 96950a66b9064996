package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.transform.NodeResult.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildIT {
    @TempDir
    Path dir;

    @Test
    void getRelationAnswersWhetherTheRelationExistsWhenTheModelRuns() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/orders.sql", "select 1 as id")
                .file("models/probe.sql", """
                        {%- set orders = adapter.get_relation(database=this.database, schema=this.schema,
                                                              identifier='orders') -%}
                        select {{ "'" ~ orders ~ "'" if orders else 'null' }} as found
                        """);
        DbtEngine engine = project.engine();

        assertThat(engine.run(List.of("probe")).success()).isTrue();
        assertThat(project.rows("select found from analytics.probe")).containsExactly(Arrays.asList((Object) null));

        assertThat(engine.run(List.of("orders")).success()).isTrue();
        assertThat(engine.run(List.of("probe")).success()).isTrue();
        assertThat(project.rows("select found from analytics.probe"))
                .containsExactly(List.of("\"warehouse\".\"analytics\".\"orders\""));
    }

    @Test
    void buildRunsSeedsModelsAndTestsInDagOrderWithEachTestRightAfterItsParent() {
        TestProject project = TestProject.duckDb(dir).copyOf("shop");

        RunResults results = project.engine().build(BuildRequest.of(List.of()));

        assertThat(results.success()).as("%s", results.failures()).isTrue();
        List<String> order = results.results().stream().map(NodeResult::name).toList();
        assertThat(order).startsWith("customers");
        assertThat(order.indexOf("unique_customers_id")).isLessThan(order.indexOf("orders"));
        assertThat(order.indexOf("relationships_orders_customer_id__id__ref_customers_"))
                .isLessThan(order.indexOf("stg_orders"));
        assertThat(order.indexOf("unique_customer_revenue_customer_id"))
                .isGreaterThan(order.indexOf("customer_revenue"));
        assertThat(order).contains("accepted_values_orders_status__placed__shipped__returned",
                "is_positive_orders_amount", "no_orders_without_revenue", "unique_customers_email");
        assertThat(results.summary()).isEqualTo("Done. PASS=14 WARN=0 ERROR=0 SKIP=0 TOTAL=14");
        assertThat(project.rows("select customer_id, name, cast(revenue_cents as bigint) from "
                + "analytics.customer_revenue order by customer_id")).containsExactly(
                List.of(1, "Ada", 1975L), List.of(2, "Bob", 300L), List.of(3, "Cy, Jr.", 999L));
    }

    @Test
    void aFailingTestSkipsTheDescendantsOfWhatItTestsButNotItsSiblingTests() throws IOException {
        TestProject project = TestProject.duckDb(dir).copyOf("shop");
        project.file("seeds/orders.csv", "id,customer_id,status,amount\n10,1,placed,12.50\n15,99,placed,2.00\n");

        RunResults results = project.engine().build(BuildRequest.of(List.of()));

        assertThat(results.results()).extracting(NodeResult::name, NodeResult::status).contains(
                tuple("relationships_orders_customer_id__id__ref_customers_", Status.FAIL),
                tuple("accepted_values_orders_status__placed__shipped__returned", Status.PASS),
                tuple("is_positive_orders_amount", Status.PASS),
                tuple("stg_orders", Status.SKIPPED),
                tuple("customer_revenue", Status.SKIPPED),
                tuple("unique_customer_revenue_customer_id", Status.SKIPPED),
                tuple("no_orders_without_revenue", Status.SKIPPED));
        assertThat(results.success()).isFalse();
        assertThat(results.summary()).isEqualTo("Done. PASS=7 WARN=0 ERROR=1 SKIP=6 TOTAL=14");
        assertThat(results.lines()).anyMatch(l -> l.matches(
                "\\d+ of 14 FAIL 1 relationships_orders_customer_id__id__ref_customers_ \\.+ \\[FAIL 1 in .*s]"));

        JsonNode runResults = new ObjectMapper().readTree(dir.resolve("target/run_results.json").toFile());
        assertThat(runResults.at("/metadata/dbt_schema_version").asText())
                .isEqualTo("https://schemas.getdbt.com/dbt/run-results/v6.json");
        assertThat(runResults.at("/args/which").asText()).isEqualTo("build");
        List<String> statuses = new ArrayList<>();
        runResults.get("results").forEach(r -> statuses.add(r.get("unique_id").asText().split("\\.")[2] + "="
                + r.get("status").asText() + (r.get("failures").isNull() ? "" : "/" + r.get("failures").asInt())));
        assertThat(statuses).contains("relationships_orders_customer_id__id__ref_customers_=fail/1",
                "stg_orders=skipped", "customers=success");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("target/manifest.json").toFile());
        assertThat(manifest.at("/nodes/seed.shop.customers/resource_type").asText()).isEqualTo("seed");
        assertThat(manifest.at("/macros/macro.shop.test_is_positive/original_file_path").asText())
                .isEqualTo("tests/generic/is_positive.sql");
        assertThat(manifest.get("parent_map").get("model.shop.stg_orders").toString()).contains("seed.shop.orders");
    }

    @Test
    void seedsInferDbtTypesAndHonourColumnTypes() {
        TestProject project = TestProject.duckDb(dir).copyOf("shop");

        RunResults results = project.engine().seed(BuildRequest.of(List.of()));

        assertThat(results.results()).extracting(NodeResult::message).containsExactly("INSERT 3", "INSERT 5");
        assertThat(project.rows("select column_name, data_type from information_schema.columns where table_name in "
                + "('customers', 'orders') order by table_name, ordinal_position")).containsExactly(
                List.of("id", "INTEGER"), List.of("name", "VARCHAR"), List.of("signed_up", "DATE"),
                List.of("score", "DOUBLE"), List.of("active", "BOOLEAN"), List.of("email", "VARCHAR"),
                List.of("id", "INTEGER"), List.of("customer_id", "INTEGER"), List.of("status", "VARCHAR"),
                List.of("amount", "DECIMAL(10,2)"));
        assertThat(project.rows("select name, signed_up, score, active from analytics.customers order by id"))
                .containsExactly(List.of("Ada", LocalDate.of(2024, 1, 5), 4.5, true),
                        List.of("Bob", LocalDate.of(2024, 2, 11), 3.0, false),
                        Arrays.asList("Cy, Jr.", LocalDate.of(2024, 3, 1), null, true));
    }

    @Test
    void reseedingReplacesRowsKeepingColumnTypesAndFullRefreshRecreatesTheTable() {
        TestProject project = TestProject.duckDb(dir).copyOf("shop");
        project.engine().seed(BuildRequest.of(List.of("customers")));
        project.file("seeds/customers.csv", "id,name,signed_up,score,active,email\n7,Eve,2024-05-01,1,true,e@x\n");
        assertThat(project.engine().seed(BuildRequest.of(List.of("customers"))).success()).isTrue();
        assertThat(project.rows("select id, score from analytics.customers")).containsExactly(List.of(7, 1.0));

        project.file("seeds/customers.csv", "id,name,signed_up,score,active,email\n8,Fay,2024-05-01,high,true,f@x\n");
        assertThat(project.engine().seed(BuildRequest.of(List.of("customers"))).success())
                .as("without --full-refresh the table keeps its DOUBLE score column").isFalse();
        assertThat(project.engine().seed(new BuildRequest(List.of("customers"), List.of(), true, null)).success())
                .isTrue();
        assertThat(project.rows("select id, score from analytics.customers")).containsExactly(List.of(8, "high"));
    }
}
