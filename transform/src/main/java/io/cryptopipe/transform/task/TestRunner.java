package io.cryptopipe.transform.task;

import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.NodeResult.Status;
import io.cryptopipe.transform.artifacts.ArtifactWriter;
import io.cryptopipe.transform.artifacts.NodeExecution;
import io.cryptopipe.transform.artifacts.Timing;
import io.cryptopipe.transform.materialize.ModelBuild;
import io.cryptopipe.transform.materialize.TableMaterialization;
import io.cryptopipe.transform.render.ParsedModel;
import io.cryptopipe.transform.warehouse.Relation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one data test as dbt does: the test's query returns failing rows; dbt's wrapper computes {@code fail_calc}
 * (default {@code count(*)}) over them, at most {@code limit} rows, optionally after storing them
 * ({@code store_failures}) in {@code <schema>_dbt_test__audit}. The test fails when severity is error and
 * {@code error_if} holds, else warns when {@code warn_if} holds, else passes.
 */
final class TestRunner {
    private static final String AUDIT_SCHEMA = "dbt_test__audit";

    private final Invocation invocation;
    private final ArtifactWriter artifacts;
    private final RunLog log;

    TestRunner(Invocation invocation, ArtifactWriter artifacts, RunLog log) {
        this.invocation = invocation;
        this.artifacts = artifacts;
        this.log = log;
    }

    NodeExecution run(Connection connection, ParsedModel test, int index, int total) {
        Instant start = Instant.now();
        log.node(index, total, "START test " + test.name(), "RUN");
        String sql = null;
        List<String> executed = new ArrayList<>();
        String relationName = null;
        try {
            sql = invocation.renderer().compile(test, invocation.relations());
            artifacts.writeCompiled(test, sql);
            Instant executeStart = Instant.now();
            String rows = strip(sql);
            if (storeFailures(test)) {
                Relation audit = auditRelation(test);
                relationName = invocation.dialect().render(audit);
                ModelBuild build = new ModelBuild(connection, invocation.dialect(), audit, rows);
                new TableMaterialization().build(build);
                executed.addAll(build.executed());
                rows = "select * from " + relationName;
            }
            String wrapper = wrapper(test, rows);
            executed.add(wrapper);
            Outcome outcome = query(connection, wrapper);
            Instant done = Instant.now();
            Duration elapsed = Duration.between(start, done);
            Status status = status(test, outcome);
            String label = status.dbtName().toUpperCase(Locale.ROOT);
            String counted = status == Status.PASS ? label : label + " " + outcome.failures;
            log.node(index, total, counted + " " + test.name(), counted + " in " + RunLog.seconds(elapsed));
            String message = status == Status.PASS ? null : "Got " + outcome.failures + " result"
                    + (outcome.failures == 1 ? "" : "s") + ", configured to " + (status == Status.FAIL ? "fail if "
                    + config(test, "error_if") : "warn if " + config(test, "warn_if"));
            NodeResult result = new NodeResult(test.uniqueId(), test.name(), status,
                    message == null ? "PASS" : message, elapsed, outcome.failures);
            List<Timing> timing = List.of(new Timing("compile", start, executeStart),
                    new Timing("execute", executeStart, done));
            return new NodeExecution(test, relationName, result, sql, executed, timing);
        } catch (DbtException | SQLException e) {
            Duration elapsed = Duration.between(start, Instant.now());
            log.node(index, total, "ERROR " + test.name(), "ERROR in " + RunLog.seconds(elapsed));
            String message = e instanceof SQLException ? "Database Error in " + test.label() + ": "
                    + e.getMessage().strip() : e.getMessage();
            return new NodeExecution(test, relationName, new NodeResult(test.uniqueId(), test.name(), Status.ERROR,
                    message, elapsed), sql, executed, List.of(new Timing("compile", start, Instant.now())));
        } finally {
            if (!executed.isEmpty()) {
                artifacts.writeRun(test, executed);
            }
        }
    }

    private String wrapper(ParsedModel test, String rows) {
        String failCalc = config(test, "fail_calc");
        String limit = test.config().get("limit").map(l -> "\nlimit " + Integer.parseInt(String.valueOf(l)))
                .orElse("");
        return "select\n    " + failCalc + " as failures,\n    (" + failCalc + ") " + config(test, "warn_if")
                + " as should_warn,\n    (" + failCalc + ") " + config(test, "error_if") + " as should_error\nfrom (\n"
                + rows + limit + "\n) dbt_internal_test";
    }

    private static Outcome query(Connection connection, String wrapper) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(wrapper)) {
            if (!result.next()) {
                return new Outcome(0, false, false);
            }
            return new Outcome(result.getLong(1), result.getBoolean(2), result.getBoolean(3));
        }
    }

    private static Status status(ParsedModel test, Outcome outcome) {
        boolean severityError = config(test, "severity").equalsIgnoreCase("error");
        if (severityError && outcome.shouldError) {
            return Status.FAIL;
        }
        return outcome.shouldWarn ? Status.WARN : Status.PASS;
    }

    private static boolean storeFailures(ParsedModel test) {
        return test.config().get("store_failures").map(v -> Boolean.parseBoolean(String.valueOf(v))).orElse(false);
    }

    private Relation auditRelation(ParsedModel test) {
        String custom = test.config().schema().orElse(AUDIT_SCHEMA);
        String schema = invocation.target().schema() + "_" + custom;
        return new Relation(invocation.naming().targetDatabase(), schema, test.config().alias().orElse(test.name()));
    }

    private static String config(ParsedModel test, String key) {
        return String.valueOf(test.config().get(key).orElseThrow());
    }

    private static String strip(String sql) {
        return sql.strip().replaceAll(";+$", "").strip();
    }

    private record Outcome(long failures, boolean shouldWarn, boolean shouldError) {
    }
}
