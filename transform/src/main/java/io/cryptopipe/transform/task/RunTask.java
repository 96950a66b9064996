package io.cryptopipe.transform.task;

import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.NodeResult.Status;
import io.cryptopipe.transform.RunResults;
import io.cryptopipe.transform.artifacts.ArtifactWriter;
import io.cryptopipe.transform.artifacts.NodeExecution;
import io.cryptopipe.transform.artifacts.Timing;
import io.cryptopipe.transform.materialize.Materialization;
import io.cryptopipe.transform.materialize.Materializations;
import io.cryptopipe.transform.materialize.ModelBuild;
import io.cryptopipe.transform.render.ParsedModel;
import io.cryptopipe.transform.warehouse.Relation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code dbt run}: builds the selected models in order; a failed model skips everything downstream of it. */
public final class RunTask {
    private final Invocation invocation;
    private final Materializations materializations;
    private final RunLog log = new RunLog();

    public RunTask(Invocation invocation, Materializations materializations) {
        this.invocation = invocation;
        this.materializations = materializations;
    }

    public RunResults run(List<String> select) {
        Instant started = Instant.now();
        List<String> selected = invocation.select(select);
        ArtifactWriter artifacts = invocation.artifacts();
        log.info("Found %d models, %d sources".formatted(invocation.graph().models().size(),
                invocation.nodes().sources().size()));
        List<NodeExecution> executions = new ArrayList<>();
        if (selected.isEmpty()) {
            log.info("Nothing to do. Try checking your model configs and model specification args");
        } else {
            log.info("Concurrency: %d threads (target='%s')".formatted(invocation.target().threads(),
                    invocation.target().name()));
            try (Connection connection = connect()) {
                Set<String> broken = new HashSet<>();
                for (int i = 0; i < selected.size(); i++) {
                    ParsedModel model = invocation.graph().model(selected.get(i));
                    boolean upstreamBroken = invocation.graph().ancestors(model.uniqueId()).stream()
                            .anyMatch(broken::contains);
                    NodeExecution execution = upstreamBroken
                            ? skip(model, i + 1, selected.size())
                            : build(connection, artifacts, model, i + 1, selected.size());
                    if (execution.result().status() != Status.SUCCESS) {
                        broken.add(model.uniqueId());
                    }
                    executions.add(execution);
                }
            } catch (SQLException e) {
                log.error("closing the warehouse connection failed: " + e.getMessage());
            }
        }
        Duration elapsed = Duration.between(started, Instant.now());
        RunResults results = new RunResults(executions.stream().map(NodeExecution::result).toList(), elapsed);
        writeArtifacts(artifacts, select, executions, elapsed);
        logSummary(executions, results, elapsed);
        return results;
    }

    private Connection connect() {
        try {
            return invocation.dialect().connect(invocation.target());
        } catch (SQLException e) {
            throw new DbtException("cannot open the warehouse " + invocation.dialect().jdbcUrl(invocation.target())
                    + " (target '" + invocation.target().name() + "' in " + invocation.target().source() + "): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private NodeExecution build(Connection connection, ArtifactWriter artifacts, ParsedModel model, int index,
                                int total) {
        Instant compileStart = Instant.now();
        Relation relation = invocation.relations().self(model);
        String materialized = model.config().materialized();
        String description = "sql " + materialized + " model " + relation.displayName();
        String relationName = invocation.dialect().render(relation);
        log.node(index, total, "START " + description, "RUN");

        String sql;
        try {
            sql = invocation.renderer().compile(model, invocation.relations());
            artifacts.writeCompiled(model, sql);
        } catch (DbtException e) {
            Instant now = Instant.now();
            return failed(model, relationName, null, List.of(), index, total, description, e.getMessage(),
                    List.of(new Timing("compile", compileStart, now)), compileStart);
        }
        Instant executeStart = Instant.now();
        List<Timing> timing = new ArrayList<>(List.of(new Timing("compile", compileStart, executeStart)));
        Optional<Materialization> materialization = materializations.find(materialized);
        if (materialization.isEmpty()) {
            return failed(model, relationName, sql, List.of(), index, total, description,
                    "Compilation Error in " + model.label() + ": no materialization '" + materialized
                            + "' for adapter " + invocation.dialect().type() + " (available: "
                            + String.join(", ", materializations.names()) + ")", timing, compileStart);
        }
        ModelBuild build = new ModelBuild(connection, invocation.dialect(), relation, sql);
        try {
            String message = materialization.get().build(build);
            Instant done = Instant.now();
            timing.add(new Timing("execute", executeStart, done));
            Duration elapsed = Duration.between(compileStart, done);
            log.node(index, total, "OK created " + description, message + " in " + RunLog.seconds(elapsed));
            return new NodeExecution(model, relationName, new NodeResult(model.uniqueId(), model.name(),
                    Status.SUCCESS, message, elapsed), sql, build.executed(), timing);
        } catch (SQLException | RuntimeException e) {
            timing.add(new Timing("execute", executeStart, Instant.now()));
            return failed(model, relationName, sql, build.executed(), index, total, description,
                    "Runtime Error in " + model.label() + ": " + e.getMessage().strip(), timing, compileStart);
        } finally {
            artifacts.writeRun(model, build.executed());
        }
    }

    private NodeExecution failed(ParsedModel model, String relationName, String sql, List<String> executed,
                                 int index, int total, String description, String message, List<Timing> timing,
                                 Instant started) {
        Duration elapsed = Duration.between(started, Instant.now());
        log.node(index, total, "ERROR creating " + description, "ERROR in " + RunLog.seconds(elapsed));
        return new NodeExecution(model, relationName,
                new NodeResult(model.uniqueId(), model.name(), Status.ERROR, message, elapsed), sql, executed, timing);
    }

    private NodeExecution skip(ParsedModel model, int index, int total) {
        Relation relation = invocation.relations().self(model);
        log.node(index, total, "SKIP relation " + relation.displayName(), "SKIP");
        return new NodeExecution(model, invocation.dialect().render(relation), new NodeResult(model.uniqueId(),
                model.name(), Status.SKIPPED, "Skipping due to an upstream failure", Duration.ZERO),
                null, List.of(), List.of());
    }

    private void writeArtifacts(ArtifactWriter artifacts, List<String> select, List<NodeExecution> executions,
                                Duration elapsed) {
        artifacts.writeRunResults("run", select, executions, elapsed);
        Map<String, String> compiled = new HashMap<>();
        executions.stream().filter(e -> e.compiledSql() != null)
                .forEach(e -> compiled.put(e.result().uniqueId(), e.compiledSql()));
        artifacts.writeManifest(invocation.graph(), invocation.nodes(), invocation.naming(), invocation.dialect(),
                compiled);
    }

    private void logSummary(List<NodeExecution> executions, RunResults results, Duration elapsed) {
        if (!executions.isEmpty()) {
            log.info(RunLog.finished(RunLog.countByKind(
                    executions.stream().map(e -> e.model().config().materialized()).toList()), elapsed));
        }
        if (results.success()) {
            log.info("Completed successfully");
        } else {
            log.error("Completed with %d error%s:".formatted(results.failures().size(),
                    results.failures().size() == 1 ? "" : "s"));
            results.failures().forEach(f -> log.error(f.message()));
        }
        log.info(results.summary());
    }
}
