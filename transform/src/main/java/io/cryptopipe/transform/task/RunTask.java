package io.cryptopipe.transform.task;

import io.cryptopipe.transform.BuildRequest;
import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.NodeResult.Status;
import io.cryptopipe.transform.RunResults;
import io.cryptopipe.transform.artifacts.ArtifactWriter;
import io.cryptopipe.transform.artifacts.NodeExecution;
import io.cryptopipe.transform.materialize.Materializations;
import io.cryptopipe.transform.project.ResourceType;
import io.cryptopipe.transform.render.ParsedModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code dbt run / seed / snapshot / test / build}: executes the selected nodes of the command's resource types in
 * DAG order on up to {@code threads} connections. A node waits for its selected ancestors and, in build, for the
 * tests of those ancestors. A node that errors (or is skipped) skips everything downstream; a failing test skips
 * the nodes downstream of what it tests, but not that node's other tests.
 */
public final class RunTask {
    private final Invocation invocation;
    private final Materializations materializations;
    private final String command;
    private final Set<ResourceType> types;
    private final RunLog log = new RunLog();

    public RunTask(Invocation invocation, Materializations materializations) {
        this(invocation, materializations, "run", Set.of(ResourceType.MODEL));
    }

    public RunTask(Invocation invocation, Materializations materializations, String command,
                   Set<ResourceType> types) {
        this.invocation = invocation;
        this.materializations = materializations;
        this.command = command;
        this.types = Set.copyOf(types);
    }

    public RunResults run(List<String> select) {
        return run(BuildRequest.of(select));
    }

    public RunResults run(BuildRequest request) {
        Instant started = Instant.now();
        List<String> selected = invocation.select(request.select(), request.exclude(), types).stream()
                // ephemeral models are inlined where referenced; dbt never executes them
                .filter(id -> !invocation.graph().model(id).config().materialized().equals("ephemeral"))
                .toList();
        ArtifactWriter artifacts = invocation.artifacts();
        log.info(found());
        List<NodeExecution> executions = new ArrayList<>();
        if (selected.isEmpty()) {
            log.info("Nothing to do. Try checking your model configs and model specification args");
        } else {
            int threads = request.threads() != null ? request.threads() : invocation.target().threads();
            log.info("Concurrency: %d threads (target='%s')".formatted(threads, invocation.target().name()));
            executions.addAll(execute(selected, threads, new NodeRunner(invocation, materializations, artifacts,
                    log, request.fullRefresh(), started)));
        }
        Duration elapsed = Duration.between(started, Instant.now());
        RunResults results = new RunResults(executions.stream().map(NodeExecution::result).toList(), elapsed);
        writeArtifacts(artifacts, request.select(), executions, elapsed);
        logSummary(executions, results, elapsed);
        return new RunResults(results.results(), elapsed, log.lines());
    }

    private String found() {
        Map<ResourceType, Long> counts = new LinkedHashMap<>();
        invocation.graph().models().forEach(m -> counts.merge(m.resourceType(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        parts.add(counts.getOrDefault(ResourceType.MODEL, 0L) + " models");
        if (counts.containsKey(ResourceType.SNAPSHOT)) {
            parts.add(counts.get(ResourceType.SNAPSHOT) + " snapshots");
        }
        if (counts.containsKey(ResourceType.SEED)) {
            parts.add(counts.get(ResourceType.SEED) + " seeds");
        }
        if (counts.containsKey(ResourceType.TEST)) {
            parts.add(counts.get(ResourceType.TEST) + " data tests");
        }
        parts.add(invocation.nodes().sources().size() + " sources");
        parts.add(invocation.nodes().macros().size() + " macros");
        return "Found " + String.join(", ", parts);
    }

    private List<NodeExecution> execute(List<String> selected, int threads, NodeRunner runner) {
        Map<String, Set<String>> waitsFor = waitSets(selected);
        Set<String> pending = new LinkedHashSet<>(selected);
        Set<String> done = new HashSet<>();
        Set<String> broken = new HashSet<>();
        Set<String> failedTestTargets = new HashSet<>();
        List<NodeExecution> out = new ArrayList<>();
        AtomicInteger index = new AtomicInteger();
        BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dbt-node");
            t.setDaemon(true);
            return t;
        });
        try {
            openConnections(connections, Math.min(threads, selected.size()));
            ExecutorCompletionService<NodeExecution> completion = new ExecutorCompletionService<>(pool);
            int running = 0;
            while (!pending.isEmpty() || running > 0) {
                for (String id : List.copyOf(pending)) {
                    if (running >= threads) {
                        break;
                    }
                    if (!done.containsAll(waitsFor.get(id))) {
                        continue;
                    }
                    pending.remove(id);
                    ParsedModel node = invocation.graph().model(id);
                    int position = index.incrementAndGet();
                    if (shouldSkip(node, broken, failedTestTargets)) {
                        NodeExecution skipped = runner.skip(node, position, selected.size());
                        record(skipped, done, broken, failedTestTargets, out);
                        continue;
                    }
                    completion.submit(() -> {
                        Connection connection = connections.take();
                        try {
                            return runner.execute(connection, node, position, selected.size());
                        } finally {
                            connections.put(connection);
                        }
                    });
                    running++;
                }
                if (running > 0) {
                    NodeExecution finished = completion.take().get();
                    running--;
                    record(finished, done, broken, failedTestTargets, out);
                } else if (!pending.isEmpty() && pending.stream().noneMatch(id -> done.containsAll(waitsFor.get(id)))) {
                    throw new IllegalStateException("no selected node can start; waiting: " + pending);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbtException("interrupted while building " + selected.size() + " nodes", e);
        } catch (ExecutionException e) {
            throw new DbtException("a node failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            connections.forEach(RunTask::closeQuietly);
        }
        return out;
    }

    private void record(NodeExecution execution, Set<String> done, Set<String> broken, Set<String> failedTestTargets,
                        List<NodeExecution> out) {
        String id = execution.result().uniqueId();
        done.add(id);
        out.add(execution);
        if (!execution.result().status().failed()) {
            return;
        }
        if (execution.model().resourceType() == ResourceType.TEST) {
            failedTestTargets.addAll(invocation.graph().parents(id));
        } else {
            broken.add(id);
        }
    }

    private boolean shouldSkip(ParsedModel node, Set<String> broken, Set<String> failedTestTargets) {
        Set<String> ancestors = invocation.graph().ancestors(node.uniqueId());
        if (ancestors.stream().anyMatch(broken::contains)) {
            return true;
        }
        return node.resourceType() != ResourceType.TEST && ancestors.stream().anyMatch(failedTestTargets::contains);
    }

    /** What each node waits for: its selected ancestors and, for non-tests, the selected tests of those ancestors. */
    private Map<String, Set<String>> waitSets(List<String> selected) {
        Set<String> chosen = new HashSet<>(selected);
        Map<String, Set<String>> out = new HashMap<>();
        for (String id : selected) {
            Set<String> ancestors = invocation.graph().ancestors(id);
            Set<String> waits = new HashSet<>();
            ancestors.stream().filter(chosen::contains).forEach(waits::add);
            if (invocation.graph().model(id).resourceType() != ResourceType.TEST) {
                for (String other : selected) {
                    // a test that also reads this node (relationships between it and an ancestor) runs after it
                    if (invocation.graph().model(other).resourceType() == ResourceType.TEST
                            && invocation.graph().parents(other).stream().anyMatch(ancestors::contains)
                            && !invocation.graph().ancestors(other).contains(id)) {
                        waits.add(other);
                    }
                }
            }
            out.put(id, waits);
        }
        return out;
    }

    private void openConnections(BlockingQueue<Connection> connections, int count) {
        try {
            Connection first = invocation.dialect().connect(invocation.target());
            connections.add(first);
            for (int i = 1; i < count; i++) {
                connections.add(invocation.dialect().connectAnother(first, invocation.target()));
            }
        } catch (SQLException e) {
            connections.forEach(RunTask::closeQuietly);
            throw new DbtException("cannot open the warehouse " + invocation.dialect().jdbcUrl(invocation.target())
                    + " (target '" + invocation.target().name() + "' in " + invocation.target().source() + "): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing after the work is done; nothing left to protect
        }
    }

    private void writeArtifacts(ArtifactWriter artifacts, List<String> select, List<NodeExecution> executions,
                                Duration elapsed) {
        artifacts.writeRunResults(command, select, executions, elapsed);
        Map<String, String> compiled = new HashMap<>();
        executions.stream().filter(e -> e.compiledSql() != null)
                .forEach(e -> compiled.put(e.result().uniqueId(), e.compiledSql()));
        artifacts.writeManifest(invocation.graph(), invocation.nodes(), invocation.naming(), invocation.dialect(),
                compiled);
    }

    private void logSummary(List<NodeExecution> executions, RunResults results, Duration elapsed) {
        if (!executions.isEmpty()) {
            log.info(RunLog.finished(RunLog.countByKind(executions.stream().map(e -> kind(e.model())).toList()),
                    elapsed));
        }
        if (results.success()) {
            log.info("Completed successfully");
        } else if (!results.failures().isEmpty()) {
            log.error("Completed with %d error%s:".formatted(results.failures().size(),
                    results.failures().size() == 1 ? "" : "s"));
            results.failures().forEach(f -> log.error(f.message()));
        }
        log.info(results.summary());
    }

    private static String kind(ParsedModel node) {
        return switch (node.resourceType()) {
            case MODEL -> node.config().materialized() + " model";
            case SEED -> "seed";
            case SNAPSHOT -> "snapshot";
            case TEST -> "data test";
        };
    }
}
