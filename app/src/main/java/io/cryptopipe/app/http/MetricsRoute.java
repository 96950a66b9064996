package io.cryptopipe.app.http;

import io.cryptopipe.app.monitor.GoldFreshness;
import io.cryptopipe.app.monitor.PipelineMonitor;
import io.cryptopipe.app.monitor.PipelineSnapshot;
import io.cryptopipe.orchestrate.dag.DagRun;
import io.cryptopipe.orchestrate.dag.RunHistory;
import io.cryptopipe.orchestrate.dag.TaskRun;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** {@code GET /metrics} in Prometheus' text exposition format (version 0.0.4). */
public final class MetricsRoute implements JsonRoute {
    /** Ingest figures that describe now (the gap ledger) rather than count since start. */
    private static final Set<String> GAUGES = Set.of("openGaps", "gapTradesPending", "oldestOpenGapSeconds");

    private final PipelineMonitor monitor;
    private final RunHistory history;
    private final String dagId;
    private final Supplier<GoldFreshness> gold;

    public MetricsRoute(PipelineMonitor monitor, RunHistory history, String dagId, Supplier<GoldFreshness> gold) {
        this.monitor = monitor;
        this.history = history;
        this.dagId = dagId;
        this.gold = gold;
    }

    @Override
    public Object handle(ApiRequest request) {
        PipelineSnapshot s = monitor.latest();
        StringBuilder out = new StringBuilder();
        s.ingestCounters().forEach((name, value) -> {
            if (GAUGES.contains(name)) {
                metric(out, "cryptopipe_ingest_" + snake(name), "gauge", "Ingest " + name + " now", null, value);
            } else {
                metric(out, "cryptopipe_ingest_" + snake(name) + "_total", "counter", "Ingest " + name + " since start", null, value);
            }
        });
        metric(out, "cryptopipe_ingest_up", "gauge", "1 while the exchange feed is streaming", null, "STREAMING".equals(s.ingestState()) ? 1 : 0);
        boolean first = true;
        for (Map.Entry<String, String> feed : s.feedStates().entrySet()) {
            metric(out, "cryptopipe_ingest_feed_up", first ? "gauge" : null, "1 while the venue's feed is streaming",
                    "exchange=\"" + feed.getKey() + "\"", "STREAMING".equals(feed.getValue()) ? 1 : 0);
            first = false;
        }
        metric(out, "cryptopipe_kafka_topic_records", "gauge", "Records ever written to the trade topic", null, s.topicEndOffset());
        metric(out, "cryptopipe_kafka_dlq_records", "gauge", "Records ever written to the dead-letter topic", null, s.dlqEndOffset());
        metric(out, "cryptopipe_sink_loaded_records", "gauge", "Records committed to the warehouse by the sink", null, s.sinkLoaded());
        metric(out, "cryptopipe_sink_lag_records", "gauge", "Records in the topic not yet in the warehouse", null, s.sinkLag());
        if (s.lastLoadedAt() != null) {
            metric(out, "cryptopipe_warehouse_freshness_seconds", "gauge", "Age of the newest raw row", null,
                    Duration.between(s.lastLoadedAt(), s.takenAt()).toMillis() / 1000.0);
        }
        if (s.tradeToRaw().trades() > 0) {
            metric(out, "cryptopipe_raw_latency_seconds", "gauge",
                    "Trade time to commit into the raw table, over the rows the sink wrote since the previous sample",
                    "quantile=\"0.5\"", s.tradeToRaw().p50Seconds());
            metric(out, "cryptopipe_raw_latency_seconds", null, null, "quantile=\"0.99\"", s.tradeToRaw().p99Seconds());
        }
        if (s.disk().measured()) {
            metric(out, "cryptopipe_data_dir_bytes", "gauge", "Bytes under the data directory, by part", "part=\"broker_log\"",
                    s.disk().brokerLogBytes());
            metric(out, "cryptopipe_data_dir_bytes", null, null, "part=\"warehouse\"", s.disk().warehouseBytes());
            metric(out, "cryptopipe_data_dir_bytes", null, null, "part=\"dbt_artifacts\"", s.disk().dbtArtifactsBytes());
            metric(out, "cryptopipe_data_dir_bytes", null, null, "part=\"other\"", s.disk().otherBytes());
            metric(out, "cryptopipe_disk_free_bytes", "gauge", "Usable space on the data directory's file system", null,
                    s.disk().freeBytes());
        }
        metric(out, "cryptopipe_ingest_paused_for_disk", "gauge", "1 while ingest is paused because the disk is nearly full",
                null, s.disk().ingestPausedBecause() == null ? 0 : 1);
        gold(out, gold.get());
        List<DagRun> runs = history.recentRuns(dagId, 1);
        if (!runs.isEmpty() && runs.get(0).end() != null) {
            DagRun last = runs.get(0);
            metric(out, "cryptopipe_dag_last_run_seconds", "gauge", "Duration of the last finished DAG run", null,
                    Duration.between(last.start(), last.end()).toMillis() / 1000.0);
            metric(out, "cryptopipe_dag_last_run_success", "gauge", "1 if the last DAG run succeeded", null,
                    last.state().name().equals("SUCCESS") ? 1 : 0);
            for (TaskRun task : history.taskRuns(last.runId())) {
                if (task.start() != null && task.end() != null) {
                    metric(out, "cryptopipe_dag_task_seconds", "gauge", "Duration of each task in the last DAG run",
                            "task=\"" + task.taskId() + "\"", Duration.between(task.start(), task.end()).toMillis() / 1000.0);
                }
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        metric(out, "jvm_memory_used_bytes", "gauge", "JVM memory in use", "area=\"heap\"", memory.getHeapMemoryUsage().getUsed());
        metric(out, "jvm_memory_used_bytes", null, null, "area=\"nonheap\"", memory.getNonHeapMemoryUsage().getUsed());
        metric(out, "jvm_threads_live", "gauge", "Live JVM threads", null, ManagementFactory.getThreadMXBean().getThreadCount());
        return RawResponse.text("text/plain; version=0.0.4; charset=utf-8", out.toString());
    }

    private static void gold(StringBuilder out, GoldFreshness g) {
        if (g.lag().trades() > 0) {
            metric(out, "cryptopipe_gold_lag_seconds", "gauge",
                    "Trade time to commit into consumption_trades, over the trades committed in the last minute", "quantile=\"0.5\"",
                    g.lag().p50Seconds());
            metric(out, "cryptopipe_gold_lag_seconds", null, null, "quantile=\"0.99\"", g.lag().p99Seconds());
        }
        metric(out, "cryptopipe_gold_lag_trades", "gauge", "Trades committed into consumption_trades in the last minute", null,
                g.lag().trades());
        metric(out, "cryptopipe_gold_refresh_interval_seconds", "gauge", "Interval of the incremental models' refresh (0: DAG runs only)",
                null, g.refreshInterval().toMillis() / 1000.0);
        if (g.refreshing()) {
            metric(out, "cryptopipe_gold_refreshes_total", "counter", "Refreshes that built every incremental model", null, g.refreshes());
            metric(out, "cryptopipe_gold_refresh_failures_total", "counter", "Refreshes that did not", null, g.failures());
            if (g.lastRefreshSeconds() != null) {
                metric(out, "cryptopipe_gold_last_refresh_seconds", "gauge", "Duration of the last refresh", null, g.lastRefreshSeconds());
            }
        }
    }

    private static void metric(StringBuilder out, String name, String type, String help, String labels, double value) {
        if (type != null) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }
        out.append(name);
        if (labels != null) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value)).append('\n');
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
