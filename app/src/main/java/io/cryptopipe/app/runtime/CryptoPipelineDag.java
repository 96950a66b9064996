package io.cryptopipe.app.runtime;

import io.cryptopipe.app.dbt.DbtInvocation;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.orchestrate.dag.Dag;
import io.cryptopipe.orchestrate.dag.TaskSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The original design's Airflow DAG, {@code crypto_pipeline}: the dbt project's commands in order, each a task with
 * retries, artifacts of scheduled runs under {@code <data-dir>/dbt}.
 */
final class CryptoPipelineDag {
    static final String ID = "crypto_pipeline";
    private static final int RETRIES = 2;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private CryptoPipelineDag() {
    }

    static Dag create(DbtInvoker invoker, Path projectDir, Path dataDir) {
        return new Dag(ID, List.of(
                new TaskSpec("dbt_run", List.of(), RETRIES, RETRY_DELAY,
                        new DbtTask(invoker, new DbtInvocation("run", projectDir, null, null, List.of(), Map.of(), dataDir.resolve("dbt"))))));
    }
}
