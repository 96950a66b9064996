package io.cryptopipe.orchestrate.dag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a DAG once with Airflow's semantics: tasks in dependency order, each retried with backoff, and a task whose
 * upstream failed is marked {@code upstream_failed} without running. The run fails if any task failed.
 * Every state change is written to the {@link RunHistory} as it happens, so the grid shows a run in progress.
 */
public final class DagRunner {
    private static final Logger log = LoggerFactory.getLogger(DagRunner.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Dag dag;
    private final RunHistory history;
    private final Clock clock;
    private final Sleeper sleeper;

    /** How the runner waits between retries; tests substitute one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public DagRunner(Dag dag, RunHistory history, Clock clock, Sleeper sleeper) {
        this.dag = dag;
        this.history = history;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public DagRunner(Dag dag, RunHistory history) {
        this(dag, history, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    public DagRun run(Trigger trigger) {
        Instant start = clock.instant();
        DagRun run = new DagRun(trigger.name().toLowerCase() + "__" + RUN_ID.format(start), dag.id(), trigger, RunState.RUNNING, start, null);
        history.save(run);
        for (TaskSpec task : dag.tasks()) {
            history.save(TaskRun.queued(run.runId(), task.id()));
        }
        Map<String, TaskState> states = new HashMap<>();
        for (TaskSpec task : dag.tasks()) {
            boolean upstreamFailed = task.upstream().stream().anyMatch(u -> states.get(u) != TaskState.SUCCESS);
            TaskState state = upstreamFailed ? markUpstreamFailed(run, task) : execute(run, task);
            states.put(task.id(), state);
        }
        boolean allSucceeded = states.values().stream().allMatch(s -> s == TaskState.SUCCESS);
        DagRun finished = run.finish(allSucceeded ? RunState.SUCCESS : RunState.FAILED, clock.instant());
        history.save(finished);
        log.info("DAG {} run {} {} in {} s", dag.id(), finished.runId(), finished.state().name().toLowerCase(),
                Duration.between(finished.start(), finished.end()).toMillis() / 1000.0);
        return finished;
    }

    private TaskState markUpstreamFailed(DagRun run, TaskSpec task) {
        Instant now = clock.instant();
        history.save(new TaskRun(run.runId(), task.id(), TaskState.UPSTREAM_FAILED, 0, now, now,
                "skipped: an upstream task failed", null, null));
        return TaskState.UPSTREAM_FAILED;
    }

    private TaskState execute(DagRun run, TaskSpec task) {
        int maxAttempts = task.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            Instant start = clock.instant();
            history.save(new TaskRun(run.runId(), task.id(), TaskState.RUNNING, attempt, start, null, null, null, null));
            TaskResult result = attempt(task);
            Instant end = clock.instant();
            if (result.success()) {
                history.save(new TaskRun(run.runId(), task.id(), TaskState.SUCCESS, attempt, start, end, result.summary(), null, null));
                return TaskState.SUCCESS;
            }
            boolean retry = attempt < maxAttempts;
            history.save(new TaskRun(run.runId(), task.id(), retry ? TaskState.UP_FOR_RETRY : TaskState.FAILED, attempt,
                    start, end, result.summary(), result.failingNode(), result.message()));
            log.warn("Task {} attempt {}/{} failed: {}", task.id(), attempt, maxAttempts,
                    result.failingNode() == null ? result.message() : result.failingNode() + ": " + result.message());
            if (!retry) {
                return TaskState.FAILED;
            }
            try {
                sleeper.sleep(task.delayBeforeRetry(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TaskState.FAILED;
            }
        }
    }

    private static TaskResult attempt(TaskSpec task) {
        try {
            return task.task().execute();
        } catch (Exception e) {
            return TaskResult.failed("error: " + e.getMessage(), null, String.valueOf(e.getMessage()));
        }
    }

    public List<TaskSpec> tasks() {
        return dag.tasks();
    }
}
