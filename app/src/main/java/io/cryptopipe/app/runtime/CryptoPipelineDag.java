package io.cryptopipe.app.runtime;

import io.cryptopipe.app.dbt.DbtInvocation;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.orchestrate.dag.Dag;
import io.cryptopipe.orchestrate.dag.TaskSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The original design's Airflow DAG, {@code crypto_pipeline}: seed (only when a CSV changed), then snapshot, run and
 * test of the dbt project, each a task with retries; artifacts of scheduled runs go under {@code <data-dir>/dbt}.
 * The test task checks the append-only tables' new rows only ({@link NewRowsTestTask}).
 */
final class CryptoPipelineDag {
    static final String ID = "crypto_pipeline";
    private static final int RETRIES = 2;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private CryptoPipelineDag() {
    }

    /** With raw rows kept for {@link RetentionSettings#DEFAULT_RAW}. */
    static Dag create(DbtInvoker invoker, Path projectDir, Path dataDir,
                      Supplier<Optional<AppendedTables>> appendedTables) {
        return create(invoker, projectDir, dataDir, appendedTables, RetentionSettings.DEFAULT_RAW);
    }

    /**
     * @param appendedTables where the warehouse's append-only tables stand, for tests that check only new rows
     * @param rawRetention   raw rows older than this that silver has read are deleted after each run; zero keeps all
     */
    static Dag create(DbtInvoker invoker, Path projectDir, Path dataDir,
                      Supplier<Optional<AppendedTables>> appendedTables, Duration rawRetention) {
        Path artifacts = dataDir.resolve("dbt");
        return new Dag(ID, List.of(
                new TaskSpec("seed", List.of(), RETRIES, RETRY_DELAY,
                        new SeedTask(dbt(invoker, "seed", projectDir, artifacts), projectDir.resolve("seeds"),
                                artifacts.resolve("seeds.sha256"))),
                new TaskSpec("snapshot", List.of("seed"), RETRIES, RETRY_DELAY, dbt(invoker, "snapshot", projectDir, artifacts)),
                new TaskSpec("run", List.of("snapshot"), RETRIES, RETRY_DELAY, dbt(invoker, "run", projectDir, artifacts)),
                // A failing data test is a finding, not a flake: retrying it would only repeat it.
                new TaskSpec("test", List.of("run"), 0, RETRY_DELAY, new NewRowsTestTask(
                        vars -> dbt(invoker, "test", projectDir, artifacts, vars).execute(), appendedTables)),
                // After run, not test: a failing data test must not stop the disk from being freed.
                new TaskSpec(PruneRawTask.ID, List.of("run"), RETRIES, RETRY_DELAY,
                        new PruneRawTask(invoker, projectDir, artifacts, rawRetention))));
    }

    private static DbtTask dbt(DbtInvoker invoker, String command, Path projectDir, Path artifacts) {
        return dbt(invoker, command, projectDir, artifacts, Map.of());
    }

    private static DbtTask dbt(DbtInvoker invoker, String command, Path projectDir, Path artifacts,
                               Map<String, Object> vars) {
        return new DbtTask(invoker, new DbtInvocation(command, projectDir, null, null, List.of(), vars, artifacts));
    }
}
