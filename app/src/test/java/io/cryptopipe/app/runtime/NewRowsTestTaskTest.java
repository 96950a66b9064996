package io.cryptopipe.app.runtime;

import io.cryptopipe.orchestrate.dag.TaskResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class NewRowsTestTaskTest {
    private final List<Map<String, Object>> varsOfEachRun = new ArrayList<>();
    private final AtomicReference<Optional<AppendedTables>> tables = new AtomicReference<>(Optional.empty());
    private final AtomicReference<TaskResult> outcome = new AtomicReference<>(TaskResult.ok("Done. PASS=28"));
    private final NewRowsTestTask task = new NewRowsTestTask(vars -> {
        varsOfEachRun.add(vars);
        return outcome.get();
    }, tables::get);

    @Test
    void theFirstRunTestsEveryRowAndTheNextOnlyThoseAfterWhereItPassed() throws Exception {
        tables.set(Optional.of(new AppendedTables("fact_trades#7,silver_trades#5", 1_000)));
        task.execute();
        tables.set(Optional.of(new AppendedTables("fact_trades#7,silver_trades#5", 2_500)));
        TaskResult second = task.execute();
        task.execute();

        assertThat(varsOfEachRun).containsExactly(Map.of(), Map.of("test_rows_after", 1_000L), Map.of("test_rows_after", 2_500L));
        assertThat(second.summary()).isEqualTo("Done. PASS=28 (rows after raw row 1000)");
    }

    @Test
    void aFailingRunLeavesThePositionSoTheNextChecksItsRowsAgain() throws Exception {
        tables.set(Optional.of(new AppendedTables("fact_trades#7,silver_trades#5", 1_000)));
        task.execute();
        tables.set(Optional.of(new AppendedTables("fact_trades#7,silver_trades#5", 2_500)));
        outcome.set(TaskResult.failed("Done. PASS=27 ERROR=1", "assert_silver_has_no_duplicate_trade", "Got 1 result"));
        TaskResult failed = task.execute();
        outcome.set(TaskResult.ok("Done. PASS=28"));
        tables.set(Optional.of(new AppendedTables("fact_trades#7,silver_trades#5", 4_000)));
        task.execute();

        assertThat(failed.success()).isFalse();
        assertThat(failed.failingNode()).isEqualTo("assert_silver_has_no_duplicate_trade");
        assertThat(varsOfEachRun).containsExactly(Map.of(), Map.of("test_rows_after", 1_000L), Map.of("test_rows_after", 1_000L));
    }

    @Test
    void afterTheTablesWereRebuiltEveryRowIsTestedAgain() throws Exception {
        tables.set(Optional.of(new AppendedTables("fact_trades#7,silver_trades#5", 1_000)));
        task.execute();
        tables.set(Optional.of(new AppendedTables("fact_trades#9,silver_trades#8", 1_000)));
        task.execute();
        task.execute();

        assertThat(varsOfEachRun).containsExactly(Map.of(), Map.of(), Map.of("test_rows_after", 1_000L));
    }

    @Test
    void whileThePositionCannotBeReadEveryRunTestsEveryRow() throws Exception {
        task.execute();
        task.execute();

        assertThat(varsOfEachRun).containsExactly(Map.of(), Map.of());
    }
}
