package io.cryptopipe.app.history;

import io.cryptopipe.app.history.RecentEvents.Event;
import io.cryptopipe.app.history.RecentEvents.Level;
import io.cryptopipe.app.monitor.GoldFreshness;
import io.cryptopipe.app.monitor.GoldLag;
import io.cryptopipe.app.monitor.PipelineSnapshot;
import io.cryptopipe.orchestrate.dag.DagRun;
import io.cryptopipe.orchestrate.dag.RunHistory;
import io.cryptopipe.orchestrate.dag.RunState;
import io.cryptopipe.orchestrate.dag.TaskRun;
import io.cryptopipe.orchestrate.dag.TaskState;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns each monitor sample into history points and events. Every numeric field of {@link PipelineSnapshot} becomes a
 * series under its own name, so numeric fields added to the snapshot are charted without wiring; running totals are
 * left out, their rates are series already. Latencies are two series of one chart each ({@code <name>.p50} and
 * {@code .p99}): trade → raw from the snapshot, trade → gold from the gold refresh's figures. Finished DAG runs add
 * their run and task durations, and a failed run, a feed changing state or Kafka becoming unreadable add an event.
 */
public final class HistoryRecorder implements Consumer<PipelineSnapshot> {
    private static final Set<String> RUNNING_TOTALS = Set.of("topicEndOffset", "dlqEndOffset", "sinkLoaded");
    private static final int RUNS_READ_AT_START = 100;
    private static final int RUNS_READ_PER_SAMPLE = 5;

    private final MetricHistory history;
    private final RecentEvents events;
    private final RunHistory runs;
    private final String dagId;
    private final Supplier<GoldFreshness> gold;
    private PipelineSnapshot previous;
    private Instant lastRunEnd;

    /** @param gold the gold refresh's state and trade → gold lag over the last minute */
    public HistoryRecorder(MetricHistory history, RecentEvents events, RunHistory runs, String dagId,
                           Supplier<GoldFreshness> gold) {
        this.history = history;
        this.events = events;
        this.runs = runs;
        this.dagId = dagId;
        this.gold = gold;
    }

    @Override
    public void accept(PipelineSnapshot snapshot) {
        Instant at = snapshot.takenAt();
        for (RecordComponent component : PipelineSnapshot.class.getRecordComponents()) {
            if (!RUNNING_TOTALS.contains(component.getName()) && value(component, snapshot) instanceof Number number) {
                history.record(component.getName(), at, number.doubleValue());
            }
        }
        Long openGaps = snapshot.ingestCounters().get("openGaps");
        if (openGaps != null) {
            history.record("openGaps", at, openGaps);
        }
        if (previous != null) {
            double seconds = Duration.between(previous.takenAt(), at).toMillis() / 1000.0;
            Long frames = snapshot.ingestCounters().get("framesReceived");
            Long framesBefore = previous.ingestCounters().get("framesReceived");
            if (seconds > 0 && frames != null && framesBefore != null) {
                history.record("framesReceivedPerSecond", at, Math.max(0, frames - framesBefore) / seconds);
            }
        }
        if (snapshot.lastLoadedAt() != null) {
            history.record("warehouseFreshnessSeconds", at, Math.max(0, Duration.between(snapshot.lastLoadedAt(), at).toMillis() / 1000.0));
        }
        latency("tradeToRawSeconds", at, snapshot.tradeToRaw());
        latency("tradeToGoldSeconds", at, gold.get().lag());
        if (snapshot.disk().measured()) {
            history.record("diskUsedBytes", at, snapshot.disk().dataDirBytes());
        }
        noteChanges(snapshot);
        recordFinishedRuns();
        previous = snapshot;
    }

    private void latency(String name, Instant at, GoldLag.Percentiles lag) {
        if (lag.trades() > 0) {
            history.record(name + ".p50", at, lag.p50Seconds());
            history.record(name + ".p99", at, lag.p99Seconds());
        }
    }

    private void noteChanges(PipelineSnapshot snapshot) {
        Instant at = snapshot.takenAt();
        String state = snapshot.ingestState();
        if (previous != null && !state.equals(previous.ingestState())) {
            Level level = switch (state) {
                case "STREAMING" -> Level.INFO;
                case "FAILED" -> Level.ERROR;
                default -> Level.WARNING;
            };
            events.add(new Event(at, level, "exchange feed", "now " + state.toLowerCase()
                    + (snapshot.ingestError() == null || level == Level.INFO ? "" : ": " + snapshot.ingestError())));
        } else if (snapshot.ingestError() != null && !Objects.equals(snapshot.ingestError(), previous == null ? null : previous.ingestError())) {
            events.add(new Event(at, Level.WARNING, "exchange feed", snapshot.ingestError()));
        }
        String kafkaBefore = previous == null ? null : previous.kafkaError();
        if (snapshot.kafkaError() != null && !snapshot.kafkaError().equals(kafkaBefore)) {
            events.add(new Event(at, Level.WARNING, "kafka", snapshot.kafkaError()));
        } else if (snapshot.kafkaError() == null && kafkaBefore != null) {
            events.add(new Event(at, Level.INFO, "kafka", "topic offsets readable again"));
        }
    }

    private void recordFinishedRuns() {
        List<DagRun> recent = new ArrayList<>(runs.recentRuns(dagId, lastRunEnd == null ? RUNS_READ_AT_START : RUNS_READ_PER_SAMPLE));
        Collections.reverse(recent);
        for (DagRun run : recent) {
            if (run.end() == null || (lastRunEnd != null && !run.end().isAfter(lastRunEnd))) {
                continue;
            }
            history.record("dagRunSeconds", run.end(), seconds(run.start(), run.end()));
            boolean failureTold = false;
            for (TaskRun task : runs.taskRuns(run.runId())) {
                if (task.start() != null && task.end() != null) {
                    history.record("taskSeconds." + task.taskId(), task.end(), seconds(task.start(), task.end()));
                }
                if (task.state() == TaskState.FAILED) {
                    events.add(new Event(task.end() == null ? run.end() : task.end(), Level.ERROR, "scheduler",
                            "task " + task.taskId() + " failed" + (task.message() == null ? "" : ": " + firstLine(task.message()))));
                    failureTold = true;
                }
            }
            if (run.state() == RunState.FAILED && !failureTold) {
                events.add(new Event(run.end(), Level.ERROR, "scheduler", "run " + run.runId() + " failed"));
            }
            lastRunEnd = run.end();
        }
    }

    private static double seconds(Instant start, Instant end) {
        return Math.max(0, Duration.between(start, end).toMillis() / 1000.0);
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static Object value(RecordComponent component, PipelineSnapshot snapshot) {
        try {
            return component.getAccessor().invoke(snapshot);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read snapshot field " + component.getName(), e);
        }
    }
}
