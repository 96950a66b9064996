package io.cryptopipe.app.history;

import io.cryptopipe.app.monitor.DiskUsage;
import io.cryptopipe.app.monitor.GoldFreshness;
import io.cryptopipe.app.monitor.GoldLag;
import io.cryptopipe.app.monitor.PipelineSnapshot;
import io.cryptopipe.orchestrate.dag.DagRun;
import io.cryptopipe.orchestrate.dag.RunHistory;
import io.cryptopipe.orchestrate.dag.RunState;
import io.cryptopipe.orchestrate.dag.TaskRun;
import io.cryptopipe.orchestrate.dag.TaskState;
import io.cryptopipe.orchestrate.dag.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryRecorderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MetricHistory history = new MetricHistory(Duration.ofSeconds(1), Duration.ofHours(1));
    private final RecentEvents events = new RecentEvents(10);
    private final FakeRuns runs = new FakeRuns();
    private GoldFreshness gold = GoldFreshness.withoutRefresh(GoldLag.Percentiles.none());
    private final HistoryRecorder recorder = new HistoryRecorder(history, events, runs, "dag", () -> gold);

    @Test
    void chartsTheSnapshotsRatesLagAndFreshnessButNotItsRunningTotals() {
        recorder.accept(snapshot(T0, 100, "STREAMING", null));
        recorder.accept(snapshot(T0.plusSeconds(2), 300, "STREAMING", null));

        Map<String, List<List<Number>>> series = history.since(T0);
        assertThat(series).containsKeys("tradesPerSecond", "sinkLag", "loadedPerSecond", "openGaps", "warehouseFreshnessSeconds")
                .doesNotContainKeys("topicEndOffset", "dlqEndOffset", "sinkLoaded")
                .as("no latency without trades, no disk use before it is measured")
                .doesNotContainKeys("tradeToRawSeconds.p50", "tradeToGoldSeconds.p50", "diskUsedBytes");
        assertThat(series.get("framesReceivedPerSecond")).containsExactly(List.of(T0.plusSeconds(2).toEpochMilli(), 100.0));
        assertThat(series.get("warehouseFreshnessSeconds").get(0).get(1)).isEqualTo(1.0);
    }

    @Test
    void chartsTradeToRawAndTradeToGoldAsMedianAndP99AndTheBytesUnderTheDataDirectory() {
        gold = GoldFreshness.withoutRefresh(new GoldLag.Percentiles(500, 0.8, 2.5, 3.0));
        DiskUsage disk = new DiskUsage(1_000, 200, 30, 4, 50_000, 0, null, T0);

        recorder.accept(new PipelineSnapshot(T0, Map.of(), "STREAMING", null, 50, 1_000, 0, 900, 100, 45, T0, null, disk,
                new GoldLag.Percentiles(100, 0.15, 0.42, 0.5), Map.of()));

        Map<String, List<List<Number>>> series = history.since(T0);
        long at = T0.toEpochMilli();
        assertThat(series.get("tradeToRawSeconds.p50")).containsExactly(List.of(at, 0.15));
        assertThat(series.get("tradeToRawSeconds.p99")).containsExactly(List.of(at, 0.42));
        assertThat(series.get("tradeToGoldSeconds.p50")).containsExactly(List.of(at, 0.8));
        assertThat(series.get("tradeToGoldSeconds.p99")).containsExactly(List.of(at, 2.5));
        assertThat(series.get("diskUsedBytes")).containsExactly(List.of(at, 1_234.0));
    }

    @Test
    void recordsEachFinishedRunsDurationsOnceAndTellsOfAFailedTask() {
        DagRun run = new DagRun("r1", "dag", Trigger.SCHEDULED, RunState.FAILED, T0, T0.plusSeconds(12));
        runs.runs.add(run);
        runs.tasks = List.of(new TaskRun("r1", "run", TaskState.FAILED, 1, T0, T0.plusSeconds(10), null, "silver_trades",
                "Binder Error: column x not found\nmore"));

        recorder.accept(snapshot(T0.plusSeconds(20), 0, "STREAMING", null));
        recorder.accept(snapshot(T0.plusSeconds(22), 0, "STREAMING", null));

        assertThat(history.since(T0).get("dagRunSeconds")).containsExactly(List.of(T0.plusSeconds(12).toEpochMilli(), 12.0));
        assertThat(history.since(T0).get("taskSeconds.run")).containsExactly(List.of(T0.plusSeconds(10).toEpochMilli(), 10.0));
        assertThat(events.newestFirst()).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo(RecentEvents.Level.ERROR);
            assertThat(e.message()).isEqualTo("task run failed: Binder Error: column x not found");
        });
    }

    @Test
    void tellsWhenTheFeedChangesStateAndWhenItRecovers() {
        recorder.accept(snapshot(T0, 0, "STREAMING", null));
        recorder.accept(snapshot(T0.plusSeconds(2), 0, "RETRYING", "connection refused"));
        recorder.accept(snapshot(T0.plusSeconds(4), 0, "STREAMING", null));

        assertThat(events.newestFirst()).extracting(RecentEvents.Event::level, RecentEvents.Event::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RecentEvents.Level.INFO, "now streaming"),
                org.assertj.core.groups.Tuple.tuple(RecentEvents.Level.WARNING, "now retrying: connection refused"));
    }

    private static PipelineSnapshot snapshot(Instant at, long frames, String state, String error) {
        return new PipelineSnapshot(at, Map.of("framesReceived", frames, "openGaps", 0L), state, error, 50, 1_000, 0, 900,
                100, 45, T0.minusSeconds(1), null, DiskUsage.unknown(), GoldLag.Percentiles.none(), Map.of());
    }

    private static final class FakeRuns implements RunHistory {
        final List<DagRun> runs = new ArrayList<>();
        List<TaskRun> tasks = List.of();

        @Override
        public void save(DagRun run) {
        }

        @Override
        public void save(TaskRun taskRun) {
        }

        @Override
        public List<DagRun> recentRuns(String dagId, int limit) {
            return runs;
        }

        @Override
        public List<TaskRun> taskRuns(String runId) {
            return tasks;
        }
    }
}
