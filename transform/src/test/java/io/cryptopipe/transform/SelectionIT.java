package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.transform.project.ResourceType;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionIT {
    @TempDir
    Path dir;

    @Test
    void excludeRemovesNodesAndTheirTestsFromAUnionOrIntersection() {
        TestProject project = TestProject.duckDb(dir).copyOf("shop");
        DbtEngine engine = project.engine();
        EnumSet<ResourceType> all = EnumSet.allOf(ResourceType.class);

        assertThat(engine.ls(List.of("stg_orders+"), List.of("customer_revenue"), all))
                .containsExactly("shop.staging.stg_orders");
        assertThat(engine.ls(List.of("customers orders"), List.of("resource_type:test"), all))
                .containsExactly("shop.customers", "shop.orders");
        assertThat(engine.ls(List.of("resource_type:test,test_name:unique"), List.of(), all))
                .containsExactly("shop.unique_customers_id", "shop.unique_customers_email",
                        "shop.unique_customer_revenue_customer_id");
    }

    @Test
    void parallelThreadsBuildTheSameResultAsOne() {
        TestProject project = TestProject.duckDb(dir).copyOf("shop");

        RunResults results = project.engine().build(new BuildRequest(List.of(), List.of(), false, 4));

        assertThat(results.success()).as("%s", results.failures()).isTrue();
        assertThat(results.lines()).contains("Concurrency: 4 threads (target='dev')");
        assertThat(results.results()).hasSize(14);
        assertThat(project.rows("select count(*) from analytics.customer_revenue")).containsExactly(List.of(3L));
    }
}
