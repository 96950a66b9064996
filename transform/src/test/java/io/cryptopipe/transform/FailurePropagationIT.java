package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cryptopipe.transform.NodeResult.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailurePropagationIT {
    @TempDir
    Path dir;

    @Test
    void failedModelSkipsItsDescendantsButNotUnrelatedModels() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/broken.sql", "select * from table_that_does_not_exist")
                .file("models/downstream.sql", "select * from {{ ref('broken') }}")
                .file("models/further_down.sql", "{{ config(materialized='table') }}select * from {{ ref('downstream') }}")
                .file("models/independent.sql", "select 1 as ok");

        RunResults results = project.engine().run(List.of());

        assertThat(results.results()).extracting(NodeResult::name, NodeResult::status).containsExactlyInAnyOrder(
                tuple("broken", Status.ERROR),
                tuple("downstream", Status.SKIPPED),
                tuple("further_down", Status.SKIPPED),
                tuple("independent", Status.SUCCESS));
        assertThat(results.success()).isFalse();
        assertThat(results.failures()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("model broken (models/broken.sql)").contains("table_that_does_not_exist"));
        assertThat(results.summary()).isEqualTo("Done. PASS=1 WARN=0 ERROR=1 SKIP=2 TOTAL=4");
    }

    @Test
    void unknownMaterializationFailsOnlyThatModel() {
        TestProject project = TestProject.duckDb(dir)
                .file("models/odd.sql", "{{ config(materialized='materialized_view') }}select 1")
                .file("models/fine.sql", "select 1");

        RunResults results = project.engine().run(List.of());

        assertThat(results.failures()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("no materialization 'materialized_view'"));
        assertThat(results.count(Status.SUCCESS)).isEqualTo(1);
    }
}
