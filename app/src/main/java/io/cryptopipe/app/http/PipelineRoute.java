package io.cryptopipe.app.http;

import io.cryptopipe.app.monitor.DiskUsage;
import io.cryptopipe.app.monitor.GoldFreshness;
import io.cryptopipe.app.monitor.PipelineMonitor;
import io.cryptopipe.app.monitor.PipelineSnapshot;
import io.cryptopipe.orchestrate.dag.DagRun;
import io.cryptopipe.orchestrate.dag.RunHistory;
import io.cryptopipe.orchestrate.schedule.PipelineScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/pipeline}: every stage of the pipeline with its state, rate, lag and errors; the same data backs
 * {@code /health} ({@link #health()}) and {@code cryptopipe status}.
 */
public final class PipelineRoute implements JsonRoute {
    private final PipelineMonitor monitor;
    private final RunHistory history;
    private final PipelineScheduler scheduler;
    private final String dagId;
    private final Map<String, Object> fixed;
    private final Supplier<GoldFreshness> gold;

    /**
     * @param fixed facts that do not change while the pipeline runs: addresses, files, source
     * @param gold  the refresh of the incremental models and the trade → gold lag
     */
    public PipelineRoute(PipelineMonitor monitor, RunHistory history, PipelineScheduler scheduler, String dagId,
                         Map<String, Object> fixed, Supplier<GoldFreshness> gold) {
        this.monitor = monitor;
        this.history = history;
        this.scheduler = scheduler;
        this.dagId = dagId;
        this.fixed = Map.copyOf(fixed);
        this.gold = gold;
    }

    @Override
    public Object handle(ApiRequest request) {
        PipelineSnapshot s = monitor.latest();
        List<DagRun> lastRuns = history.recentRuns(dagId, 1);
        DagRun lastRun = lastRuns.isEmpty() ? null : lastRuns.get(0);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("takenAt", s.takenAt());
        json.put("about", fixed);
        json.put("stages", List.of(
                stage("exchange feed", s.ingestState(), s.tradesPerSecond(), null, s.ingestError(), Map.of("counters", s.ingestCounters())),
                stage("kafka", s.kafkaError() == null ? "UP" : "DEGRADED", s.tradesPerSecond(), null, s.kafkaError(),
                        Map.of("topicRecords", s.topicEndOffset(), "deadLetters", s.dlqEndOffset())),
                stage("sink", s.sinkLag() > 100_000 ? "LAGGING" : "UP", s.loadedPerSecond(), s.sinkLag(), null,
                        Map.of("loadedRecords", s.sinkLoaded())),
                stage("warehouse", s.lastLoadedAt() == null ? "EMPTY" : "UP", null, null, null,
                        warehouse(s)),
                gold(gold.get()),
                stage("scheduler", lastRun == null ? "WAITING" : lastRun.state().name(), null, null, null,
                        scheduler(lastRun)),
                stage("disk", s.disk().ingestPausedBecause() != null ? "LOW" : "OK", null, null,
                        s.disk().ingestPausedBecause(), disk(s.disk()))));
        return json;
    }

    /** UP while ingest has not failed for good; the components' details say the rest. */
    public Map<String, Object> health() {
        PipelineSnapshot s = monitor.latest();
        Map<String, Object> components = new LinkedHashMap<>(fixed);
        components.put("ingest", Map.of("state", s.ingestState(), "lastError", String.valueOf(s.ingestError())));
        components.put("sink", Map.of("loaded", s.sinkLoaded(), "lag", s.sinkLag()));
        components.put("disk", Map.of("freeBytes", s.disk().freeBytes(),
                "ingestPausedBecause", String.valueOf(s.disk().ingestPausedBecause())));
        return Map.of("status", "FAILED".equals(s.ingestState()) ? "DOWN" : "UP", "components", components);
    }

    /** What {@code /health} tells a caller without the password: UP or DOWN, nothing about the data. */
    public Map<String, Object> healthStatus() {
        return Map.of("status", health().get("status"));
    }

    /** Bytes of each part of the data directory and the free space beside it. */
    private static Map<String, Object> disk(DiskUsage disk) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("dataDirBytes", disk.dataDirBytes());
        detail.put("brokerLogBytes", disk.brokerLogBytes());
        detail.put("warehouseBytes", disk.warehouseBytes());
        detail.put("dbtArtifactsBytes", disk.dbtArtifactsBytes());
        detail.put("otherBytes", disk.otherBytes());
        detail.put("freeBytes", disk.freeBytes());
        detail.put("minFreeBytes", disk.minFreeBytes());
        return detail;
    }

    private Map<String, Object> scheduler(DagRun lastRun) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("nextRun", scheduler.nextFireTime().toInstant());
        if (lastRun != null) {
            detail.put("lastRun", lastRun.runId());
            detail.put("lastRunState", lastRun.state());
            detail.put("lastRunSeconds", lastRun.end() == null ? null : Duration.between(lastRun.start(), lastRun.end()).toMillis() / 1000.0);
        }
        return detail;
    }

    /** The gold stage: state of the refresh loop; lag from each trade to its commit into consumption_trades. */
    private static Map<String, Object> gold(GoldFreshness g) {
        String state = !g.refreshing() ? "MINUTELY" : g.lastError() != null ? "FAILING" : g.refreshes() == 0 ? "WAITING" : "UP";
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("refreshInterval", g.refreshing() ? g.refreshInterval().toMillis() / 1000.0 + " s" : "off (DAG runs only)");
        detail.put("lagP50Seconds", g.lag().p50Seconds());
        detail.put("lagP99Seconds", g.lag().p99Seconds());
        detail.put("lagMaxSeconds", g.lag().maxSeconds());
        detail.put("tradesLastMinute", g.lag().trades());
        if (g.refreshing()) {
            detail.put("lastRefresh", g.lastRefreshAt());
            detail.put("lastRefreshSeconds", g.lastRefreshSeconds() == null ? null : Math.round(g.lastRefreshSeconds() * 1000) / 1000.0);
            detail.put("refreshes", g.refreshes());
            detail.put("failedRefreshes", g.failures());
        }
        return stage("gold", state, null, null, g.lastError(), detail);
    }

    /** How fresh the raw table is, and how long the trades written since the last sample took to get there. */
    private static Map<String, Object> warehouse(PipelineSnapshot s) {
        Instant lastLoadedAt = s.lastLoadedAt();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("lastLoadedAt", lastLoadedAt);
        detail.put("freshnessSeconds", lastLoadedAt == null ? null : Math.max(0, Duration.between(lastLoadedAt, s.takenAt()).toMillis() / 1000.0));
        detail.put("tradeToRawP50Seconds", s.tradeToRaw().p50Seconds());
        detail.put("tradeToRawP99Seconds", s.tradeToRaw().p99Seconds());
        return detail;
    }

    private static Map<String, Object> stage(String name, String state, Double rate, Long lag, String error, Map<String, Object> detail) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("name", name);
        stage.put("state", state);
        stage.put("ratePerSecond", rate == null ? null : Math.round(rate * 10) / 10.0);
        stage.put("lag", lag);
        stage.put("error", error);
        stage.put("detail", detail);
        return stage;
    }
}
