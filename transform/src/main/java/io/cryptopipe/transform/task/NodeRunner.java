package io.cryptopipe.transform.task;

import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.NodeResult.Status;
import io.cryptopipe.transform.artifacts.ArtifactWriter;
import io.cryptopipe.transform.artifacts.NodeExecution;
import io.cryptopipe.transform.artifacts.Timing;
import io.cryptopipe.transform.materialize.Materialization;
import io.cryptopipe.transform.materialize.Materializations;
import io.cryptopipe.transform.materialize.ModelBuild;
import io.cryptopipe.transform.project.ResourceType;
import io.cryptopipe.transform.render.ParsedModel;
import io.cryptopipe.transform.render.RelationCatalog;
import io.cryptopipe.transform.warehouse.Relation;
import io.cryptopipe.transform.warehouse.RelationType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compiles and executes one node on a given connection and logs it the way dbt does. */
final class NodeRunner {
    private final Invocation invocation;
    private final Materializations materializations;
    private final ArtifactWriter artifacts;
    private final RunLog log;
    private final boolean fullRefresh;
    private final Instant runStartedAt;

    NodeRunner(Invocation invocation, Materializations materializations, ArtifactWriter artifacts, RunLog log,
               boolean fullRefresh, Instant runStartedAt) {
        this.invocation = invocation;
        this.materializations = materializations;
        this.artifacts = artifacts;
        this.log = log;
        this.fullRefresh = fullRefresh;
        this.runStartedAt = runStartedAt;
    }

    NodeExecution execute(Connection connection, ParsedModel node, int index, int total) {
        return node.resourceType() == ResourceType.TEST
                ? new TestRunner(invocation, artifacts, log).run(connection, node, index, total)
                : build(connection, node, index, total);
    }

    NodeExecution skip(ParsedModel node, int index, int total) {
        String relationName = null;
        if (node.resourceType() == ResourceType.TEST) {
            log.node(index, total, "SKIP test " + node.name(), "SKIP");
        } else {
            Relation relation = invocation.relations().self(node);
            relationName = invocation.dialect().render(relation);
            log.node(index, total, "SKIP relation " + relation.displayName(), "SKIP");
        }
        return new NodeExecution(node, relationName, new NodeResult(node.uniqueId(), node.name(), Status.SKIPPED,
                "Skipping due to an upstream failure", Duration.ZERO), null, List.of(), List.of());
    }

    private NodeExecution build(Connection connection, ParsedModel model, int index, int total) {
        Instant compileStart = Instant.now();
        Relation relation = invocation.relations().self(model);
        String materialized = model.config().materialized();
        String description = describe(model, relation);
        String relationName = invocation.dialect().render(relation);
        log.node(index, total, "START " + description, "RUN");

        String sql;
        try {
            sql = invocation.renderer().compile(model, invocation.relations(), isIncremental(connection, model,
                    relation), catalog(connection));
            artifacts.writeCompiled(model, sql);
        } catch (DbtException | SQLException e) {
            return failed(model, relationName, null, List.of(), index, total, description, e.getMessage(),
                    List.of(new Timing("compile", compileStart, Instant.now())), compileStart);
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
        ModelBuild build = new ModelBuild(connection, invocation.dialect(), relation, sql, model.config(),
                fullRefresh, model.node().file(), runStartedAt);
        try {
            String message = materialization.get().build(build);
            Instant done = Instant.now();
            timing.add(new Timing("execute", executeStart, done));
            Duration elapsed = Duration.between(compileStart, done);
            log.node(index, total, success(model, relation), message + " in " + RunLog.seconds(elapsed));
            return new NodeExecution(model, relationName, new NodeResult(model.uniqueId(), model.name(),
                    Status.SUCCESS, message, elapsed), sql, build.executed(), timing);
        } catch (SQLException | RuntimeException e) {
            timing.add(new Timing("execute", executeStart, Instant.now()));
            String detail = e.getMessage() == null ? e.toString() : e.getMessage().strip();
            return failed(model, relationName, sql, build.executed(), index, total, description,
                    "Runtime Error in " + model.label() + ": " + detail, timing, compileStart);
        } finally {
            artifacts.writeRun(model, build.executed());
        }
    }

    private RelationCatalog catalog(Connection connection) {
        return wanted -> {
            try {
                return invocation.dialect().find(connection, wanted).map(type -> wanted);
            } catch (SQLException e) {
                throw new DbtException("Database Error while looking up " + wanted.displayName() + ": "
                        + e.getMessage());
            }
        };
    }

    /** dbt's rule: the model is incremental, its relation exists as a table, and no full refresh was asked. */
    private boolean isIncremental(Connection connection, ParsedModel model, Relation relation) throws SQLException {
        return model.config().materialized().equals("incremental") && !fullRefresh
                && invocation.dialect().find(connection, relation).equals(Optional.of(RelationType.TABLE));
    }

    private static String describe(ParsedModel model, Relation relation) {
        return switch (model.resourceType()) {
            case SEED -> "seed file " + relation.displayName();
            case SNAPSHOT -> "snapshot " + relation.displayName();
            default -> "sql " + model.config().materialized() + " model " + relation.displayName();
        };
    }

    private static String success(ParsedModel model, Relation relation) {
        return switch (model.resourceType()) {
            case SEED -> "OK loaded seed file " + relation.displayName();
            case SNAPSHOT -> "OK snapshotted " + relation.displayName();
            default -> "OK created " + describe(model, relation);
        };
    }

    private NodeExecution failed(ParsedModel model, String relationName, String sql, List<String> executed,
                                 int index, int total, String description, String message, List<Timing> timing,
                                 Instant started) {
        Duration elapsed = Duration.between(started, Instant.now());
        String verb = switch (model.resourceType()) {
            case SEED -> "ERROR loading ";
            case SNAPSHOT -> "ERROR snapshotting ";
            default -> "ERROR creating ";
        };
        log.node(index, total, verb + description, "ERROR in " + RunLog.seconds(elapsed));
        return new NodeExecution(model, relationName,
                new NodeResult(model.uniqueId(), model.name(), Status.ERROR, message, elapsed), sql, executed, timing);
    }
}
