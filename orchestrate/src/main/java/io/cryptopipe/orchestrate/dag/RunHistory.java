package io.cryptopipe.orchestrate.dag;

import java.util.List;

/** Where DAG runs and task runs are recorded, so that the grid and the API survive restarts. */
public interface RunHistory {
    void save(DagRun run);

    void save(TaskRun taskRun);

    /** Most recent first. */
    List<DagRun> recentRuns(String dagId, int limit);

    /** In the DAG's task order as recorded. */
    List<TaskRun> taskRuns(String runId);
}
