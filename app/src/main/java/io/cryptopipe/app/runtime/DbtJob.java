package io.cryptopipe.app.runtime;

import io.cryptopipe.transform.DbtEngine;
import io.cryptopipe.transform.EngineOptions;
import io.cryptopipe.transform.RunResults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The scheduled transformation: {@code dbt run} of the project against this pipeline's warehouse. */
final class DbtJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DbtJob.class);

    private final Path projectDir;
    private final Path dataDir;

    DbtJob(Path projectDir, Path dataDir) {
        this.projectDir = projectDir;
        this.dataDir = dataDir;
    }

    @Override
    public void run() {
        EngineOptions options = new EngineOptions(projectDir, null, null,
                Map.of("CRYPTOPIPE_DATA_DIR", dataDir.toAbsolutePath().toString()), Map.of(), dataDir.resolve("dbt"));
        RunResults results = new DbtEngine(options).run(List.of());
        if (results.success()) {
            log.info("Scheduled dbt run: {}", results.summary());
        } else {
            log.warn("Scheduled dbt run failed: {}", results.summary());
        }
    }
}
