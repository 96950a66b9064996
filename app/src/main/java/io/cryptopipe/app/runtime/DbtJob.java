package io.cryptopipe.app.runtime;

import io.cryptopipe.app.dbt.DbtInvocation;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.app.dbt.DbtOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The scheduled transformation: {@code dbt run} of the project, artifacts under {@code <data-dir>/dbt}. */
final class DbtJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DbtJob.class);

    private final DbtInvoker invoker;
    private final DbtInvocation invocation;

    DbtJob(DbtInvoker invoker, Path projectDir, Path dataDir) {
        this.invoker = invoker;
        this.invocation = new DbtInvocation("run", projectDir, null, null, List.of(), Map.of(), dataDir.resolve("dbt"));
    }

    @Override
    public void run() {
        DbtOutcome outcome = invoker.invoke(invocation);
        String summary = String.join("; ", outcome.lines());
        if (outcome.success()) {
            log.info("Scheduled dbt run: {}", summary);
        } else {
            log.warn("Scheduled dbt run failed: {}", summary);
        }
    }
}
