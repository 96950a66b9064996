package io.cryptopipe.orchestrate.dag;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One task of a DAG with Airflow's per-task retry settings: a failed attempt is retried up to {@code retries} times,
 * waiting {@code retryDelay} doubled after each attempt.
 */
public record TaskSpec(String id, List<String> upstream, int retries, Duration retryDelay, PipelineTask task) {
    public TaskSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        upstream = List.copyOf(upstream);
        if (retries < 0) {
            throw new IllegalArgumentException("task " + id + ": retries must be >= 0, got " + retries);
        }
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("task " + id + ": retryDelay must not be negative");
        }
    }

    public Duration delayBeforeRetry(int failedAttempts) {
        return retryDelay.multipliedBy(1L << Math.min(20, failedAttempts - 1));
    }
}
