package io.cryptopipe.transform.task;

import io.cryptopipe.transform.DbtCompilationException;
import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.OperationResult;
import io.cryptopipe.transform.render.RelationCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code dbt run-operation <macro> --args {...}}: calls one macro of the project with the given keyword arguments on
 * one connection of the target, each {@code run_query} statement committing on its own (autocommit, as dbt runs
 * them). The macro decides what to run; nothing is written to target/ but the log.
 */
public final class OperationTask {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private final Invocation invocation;
    private final RunLog log = new RunLog();

    public OperationTask(Invocation invocation) {
        this.invocation = invocation;
    }

    /**
     * @throws DbtCompilationException if the macro does not exist or does not render
     * @throws DbtException            if a statement fails (the statements before it stay committed)
     */
    public OperationResult run(String macro, Map<String, Object> args) {
        requireName(macro, "macro");
        args.keySet().forEach(key -> requireName(key, "argument"));
        String call = "{% do " + macro + "(" + args.keySet().stream()
                .map(key -> key + "=args['" + key + "']").collect(Collectors.joining(", ")) + ") %}";
        if (invocation.nodes().macros().stream().noneMatch(file -> definesMacro(file.source(), macro))) {
            throw new DbtCompilationException("run-operation: the project has no macro named '" + macro + "'");
        }
        Instant started = Instant.now();
        List<String> statements = new ArrayList<>();
        List<Long> rowsChanged = new ArrayList<>();
        List<DbtException> failures = new ArrayList<>();
        log.info("Running operation " + macro);
        try (Connection connection = invocation.dialect().connect(invocation.target())) {
            connection.setAutoCommit(true);
            RelationCatalog catalog = wanted -> {
                try {
                    return invocation.dialect().find(connection, wanted).map(type -> wanted);
                } catch (SQLException e) {
                    throw new DbtException("Database Error while looking up " + wanted.displayName() + ": "
                            + e.getMessage());
                }
            };
            invocation.renderer().renderOperation(macro, call, args, invocation.relations(), catalog, query -> {
                // Jinjava renders on after a failed call; the statements after a failed one must not run.
                if (!failures.isEmpty()) {
                    throw failures.get(0);
                }
                String sql = query.requiredString(0, "sql");
                try {
                    long changed = execute(connection, sql);
                    statements.add(sql);
                    rowsChanged.add(changed);
                    return null;
                } catch (SQLException e) {
                    failures.add(new DbtException("Database Error in operation " + macro + ": "
                            + e.getMessage().strip(), e));
                    throw failures.get(0);
                }
            });
        } catch (SQLException e) {
            throw new DbtException("Database Error in operation " + macro + ": " + e.getMessage().strip(), e);
        } catch (DbtCompilationException e) {
            throw failures.isEmpty() ? e : failures.get(0);
        }
        return new OperationResult(macro, statements, rowsChanged, Duration.between(started, Instant.now()));
    }

    private static long execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.execute(sql) ? -1 : statement.getUpdateCount();
        }
    }

    private static boolean definesMacro(String source, String macro) {
        return Pattern.compile("\\{%-?\\s*macro\\s+" + macro + "\\s*\\(").matcher(source).find();
    }

    private static void requireName(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw new DbtCompilationException("run-operation: '" + name + "' is not a valid " + what + " name");
        }
    }
}
