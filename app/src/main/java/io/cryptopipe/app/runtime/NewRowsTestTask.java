package io.cryptopipe.app.runtime;

import io.cryptopipe.orchestrate.dag.PipelineTask;
import io.cryptopipe.orchestrate.dag.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code dbt test} for the minute's DAG, whose cost follows the new rows rather than the history: the tests of the
 * append-only tables check the rows after the position where the last passing run stood, each against the whole
 * table (the var {@code test_rows_after}, see the project's macros/tested_rows.sql). A failing run leaves the
 * position where it was, so the next run checks its rows again; the first run after a start, and the first after the
 * tables were rebuilt, check every row.
 */
final class NewRowsTestTask implements PipelineTask {
    private static final String VAR = "test_rows_after";
    private static final Logger log = LoggerFactory.getLogger(NewRowsTestTask.class);

    private final Function<Map<String, Object>, TaskResult> test;
    private final Supplier<Optional<AppendedTables>> tables;
    private final AtomicReference<AppendedTables> lastPassed = new AtomicReference<>();

    /**
     * @param test   runs dbt test with the given vars
     * @param tables where the append-only tables stand now
     */
    NewRowsTestTask(Function<Map<String, Object>, TaskResult> test, Supplier<Optional<AppendedTables>> tables) {
        this.test = test;
        this.tables = tables;
    }

    @Override
    public TaskResult execute() throws Exception {
        // Read before testing: every row at or below this position is in the tables the tests are about to read.
        Optional<AppendedTables> now = tables.get();
        AppendedTables passed = lastPassed.get();
        boolean newRowsOnly = passed != null && now.isPresent() && now.get().builds().equals(passed.builds());
        TaskResult result;
        if (newRowsOnly) {
            log.info("Testing the rows after raw row {} (where the last passing test run stood) against the whole tables",
                    passed.lastRawRow());
            result = test.apply(Map.of(VAR, passed.lastRawRow()));
        } else {
            log.info("Testing every row ({})", passed == null ? "no test run has passed since the start" : "the tables were rebuilt");
            result = test.apply(Map.of());
        }
        if (result.success()) {
            now.ifPresent(lastPassed::set);
        }
        if (!newRowsOnly) {
            return result;
        }
        String scope = " (rows after raw row " + passed.lastRawRow() + ")";
        return result.success() ? TaskResult.ok(result.summary() + scope)
                : TaskResult.failed(result.summary() + scope, result.failingNode(), result.message());
    }
}
