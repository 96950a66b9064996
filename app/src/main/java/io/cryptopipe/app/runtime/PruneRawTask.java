package io.cryptopipe.app.runtime;

import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.app.dbt.DbtOutcome;
import io.cryptopipe.orchestrate.dag.PipelineTask;
import io.cryptopipe.orchestrate.dag.TaskResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Raw retention as a DAG task: the project's {@code prune_raw_rows} operation (warehouse/macros/raw_retention.sql),
 * the same macro production's Airflow DAG runs daily, deleting the raw rows older than the retention that silver has
 * read.
 */
final class PruneRawTask implements PipelineTask {
    static final String ID = "prune_raw";
    static final String MACRO = "prune_raw_rows";

    private final DbtInvoker invoker;
    private final Path projectDir;
    private final Path artifacts;
    private final Duration retention;

    PruneRawTask(DbtInvoker invoker, Path projectDir, Path artifacts, Duration retention) {
        this.invoker = invoker;
        this.projectDir = projectDir;
        this.artifacts = artifacts;
        this.retention = retention;
    }

    @Override
    public TaskResult execute() {
        if (retention.isZero()) {
            return TaskResult.ok("raw retention off: every raw row is kept");
        }
        DbtOutcome outcome = invoker.runOperation(projectDir, artifacts, MACRO,
                Map.of("retention_seconds", retention.toSeconds()));
        String line = outcome.lines().get(0);
        return outcome.success() ? TaskResult.ok(line) : TaskResult.failed(line, MACRO, line);
    }
}
