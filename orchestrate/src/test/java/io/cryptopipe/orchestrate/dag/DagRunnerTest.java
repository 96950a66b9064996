package io.cryptopipe.orchestrate.dag;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The crypto_pipeline DAG's semantics, recorded in a real DuckDB history. */
class DagRunnerTest {
    @TempDir
    Path dir;

    private JdbcRunHistory history;
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> executed = new ArrayList<>();

    @BeforeEach
    void openHistory() {
        history = new JdbcRunHistory(this::connect);
    }

    private Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("history.duckdb"));
    }

    private PipelineTask succeeding(String name) {
        return () -> {
            executed.add(name);
            return TaskResult.ok(name + " done");
        };
    }

    private DagRunner runner(List<TaskSpec> tasks) {
        return new DagRunner(new Dag("crypto_pipeline", tasks), history, java.time.Clock.systemUTC(), sleeps::add);
    }

    @Test
    void tasksRunInDependencyOrderAndTheRunSucceeds() {
        DagRun run = runner(List.of(
                new TaskSpec("run", List.of("snapshot"), 0, Duration.ZERO, succeeding("run")),
                new TaskSpec("snapshot", List.of(), 0, Duration.ZERO, succeeding("snapshot")),
                new TaskSpec("test", List.of("run"), 0, Duration.ZERO, succeeding("test")))).run(Trigger.SCHEDULED);

        assertThat(executed).containsExactly("snapshot", "run", "test");
        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(history.taskRuns(run.runId())).extracting(TaskRun::state).containsOnly(TaskState.SUCCESS);
    }

    @Test
    void aFailedTaskMarksItsDescendantsUpstreamFailedAndFailsTheRun() {
        DagRun run = runner(List.of(
                new TaskSpec("snapshot", List.of(), 0, Duration.ZERO, succeeding("snapshot")),
                new TaskSpec("run", List.of("snapshot"), 0, Duration.ZERO,
                        () -> TaskResult.failed("Done. PASS=1 ERROR=1", "silver_trades", "division by zero")),
                new TaskSpec("test", List.of("run"), 0, Duration.ZERO, succeeding("test")))).run(Trigger.SCHEDULED);

        assertThat(executed).containsExactly("snapshot");
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        List<TaskRun> tasks = history.taskRuns(run.runId());
        assertThat(tasks).extracting(TaskRun::taskId, TaskRun::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("snapshot", TaskState.SUCCESS),
                org.assertj.core.groups.Tuple.tuple("run", TaskState.FAILED),
                org.assertj.core.groups.Tuple.tuple("test", TaskState.UPSTREAM_FAILED));
        assertThat(tasks.get(1).failingNode()).isEqualTo("silver_trades");
        assertThat(tasks.get(1).message()).isEqualTo("division by zero");
    }

    @Test
    void aFailingTaskIsRetriedWithDoublingBackoffThenSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        DagRun run = runner(List.of(new TaskSpec("run", List.of(), 3, Duration.ofSeconds(10), () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("warehouse busy");
            }
            return TaskResult.ok("ok");
        }))).run(Trigger.MANUAL);

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
        TaskRun task = history.taskRuns(run.runId()).get(0);
        assertThat(task.attempt()).isEqualTo(3);
        assertThat(task.state()).isEqualTo(TaskState.SUCCESS);
    }

    @Test
    void retriesRunOutIntoAFailure() {
        DagRun run = runner(List.of(new TaskSpec("run", List.of(), 1, Duration.ofSeconds(1),
                () -> TaskResult.failed("x", "m", "boom")))).run(Trigger.SCHEDULED);
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(history.taskRuns(run.runId()).get(0).attempt()).isEqualTo(2);
    }

    @Test
    void historySurvivesReopeningTheWarehouse() {
        DagRun first = runner(List.of(new TaskSpec("run", List.of(), 0, Duration.ZERO, succeeding("run")))).run(Trigger.SCHEDULED);
        DagRun second = runner(List.of(new TaskSpec("run", List.of(), 0, Duration.ZERO, succeeding("run")))).run(Trigger.MANUAL);

        JdbcRunHistory reopened = new JdbcRunHistory(this::connect);
        assertThat(reopened.recentRuns("crypto_pipeline", 10)).extracting(DagRun::runId).containsExactly(second.runId(), first.runId());
        assertThat(reopened.recentRuns("crypto_pipeline", 10).get(0).trigger()).isEqualTo(Trigger.MANUAL);
        assertThat(reopened.taskRuns(first.runId())).singleElement().extracting(TaskRun::summary).isEqualTo("run done");
    }

    @Test
    void aRunInterruptedByACrashIsClosedAsFailedOnTheNextStart() {
        history.save(new DagRun("scheduled__x", "crypto_pipeline", Trigger.SCHEDULED, RunState.RUNNING, Instant.now(), null));
        history.save(new TaskRun("scheduled__x", "run", TaskState.RUNNING, 1, Instant.now(), null, null, null, null));

        history.failRunsLeftRunning(Instant.now());

        assertThat(history.recentRuns("crypto_pipeline", 1).get(0).state()).isEqualTo(RunState.FAILED);
        assertThat(history.taskRuns("scheduled__x").get(0).state()).isEqualTo(TaskState.FAILED);
    }

    @Test
    void aCycleIsRejectedNamingTheTasks() {
        assertThatThrownBy(() -> new Dag("d", List.of(
                new TaskSpec("a", List.of("b"), 0, Duration.ZERO, succeeding("a")),
                new TaskSpec("b", List.of("a"), 0, Duration.ZERO, succeeding("b")))))
                .hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("b");
    }
}
