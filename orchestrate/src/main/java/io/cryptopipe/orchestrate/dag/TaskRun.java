package io.cryptopipe.orchestrate.dag;

import java.time.Instant;

/** One task of one DAG run as the grid shows it: its latest attempt's state and output. */
public record TaskRun(String runId, String taskId, TaskState state, int attempt, Instant start, Instant end,
                      String summary, String failingNode, String message) {
    public static TaskRun queued(String runId, String taskId) {
        return new TaskRun(runId, taskId, TaskState.QUEUED, 0, null, null, null, null, null);
    }
}
