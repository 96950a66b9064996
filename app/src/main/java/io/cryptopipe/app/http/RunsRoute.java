package io.cryptopipe.app.http;

import io.cryptopipe.orchestrate.dag.DagRun;
import io.cryptopipe.orchestrate.dag.RunHistory;
import io.cryptopipe.orchestrate.schedule.PipelineScheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/runs}: the latest DAG runs, newest first, each with its task runs (the data behind a grid view);
 * {@code POST /api/runs}: trigger a manual run, queued behind a run in progress.
 */
public final class RunsRoute implements JsonRoute {
    private final String dagId;
    private final RunHistory history;
    private final PipelineScheduler scheduler;

    public RunsRoute(String dagId, RunHistory history, PipelineScheduler scheduler) {
        this.dagId = dagId;
        this.history = history;
        this.scheduler = scheduler;
    }

    @Override
    public Object handle(ApiRequest request) {
        if ("POST".equals(request.method())) {
            scheduler.triggerNow();
            return Map.of("triggered", true, "dag", dagId);
        }
        int limit = request.queryParameter("limit").map(Integer::parseInt).orElse(25);
        List<Map<String, Object>> runs = history.recentRuns(dagId, Math.min(500, Math.max(1, limit))).stream()
                .map(this::withTasks).toList();
        return Map.of("dag", dagId, "nextRun", scheduler.nextFireTime().toInstant().toString(), "runs", runs);
    }

    private Map<String, Object> withTasks(DagRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        json.put("tasks", history.taskRuns(run.runId()));
        return json;
    }
}
