package io.cryptopipe.transform.materialize;

import io.cryptopipe.transform.project.ModelConfig;
import io.cryptopipe.transform.warehouse.Relation;
import io.cryptopipe.transform.warehouse.WarehouseDialect;
import java.sql.Connection;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** One model being built: where it goes, its compiled SELECT, and the statements run so far (for target/run). */
public final class ModelBuild {
    private final Connection connection;
    private final WarehouseDialect dialect;
    private final Relation relation;
    private final String compiledSql;
    private final List<String> executed = new ArrayList<>();
    private final ModelConfig config;
    private final boolean fullRefresh;
    private final Path file;
    private final Instant runStartedAt;

    public ModelBuild(Connection connection, WarehouseDialect dialect, Relation relation, String compiledSql) {
        this(connection, dialect, relation, compiledSql, ModelConfig.empty(), false, null, Instant.now());
    }

    /**
     * @param file         the node's file (a seed's CSV), or null
     * @param runStartedAt the invocation's start, which snapshots record as the time of a check or a deletion
     */
    public ModelBuild(Connection connection, WarehouseDialect dialect, Relation relation, String compiledSql,
                      ModelConfig config, boolean fullRefresh, Path file, Instant runStartedAt) {
        this.connection = connection;
        this.dialect = dialect;
        this.relation = relation;
        this.compiledSql = compiledSql;
        this.config = config;
        this.fullRefresh = fullRefresh;
        this.file = file;
        this.runStartedAt = runStartedAt;
    }

    public ModelConfig config() {
        return config;
    }

    public boolean fullRefresh() {
        return fullRefresh;
    }

    public Path file() {
        return file;
    }

    public Instant runStartedAt() {
        return runStartedAt;
    }

    /** Column names of a relation, in order; empty when it does not exist. */
    public List<String> columns(Relation of) throws SQLException {
        return dialect.columns(connection, of);
    }

    /** The column names the model's SELECT returns, from the prepared statement: the query is not run. */
    public List<String> selectColumns() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectSql())) {
            ResultSetMetaData meta = statement.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
            return names;
        }
    }

    /** The first column of the first row of a query, or null. */
    public Object queryValue(String sql) throws SQLException {
        executed.add(sql);
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    public WarehouseDialect dialect() {
        return dialect;
    }

    public Relation relation() {
        return relation;
    }

    /** The model's SELECT, without trailing semicolons so a materialization can wrap it. */
    public String selectSql() {
        return compiledSql.strip().replaceAll(";+$", "").strip();
    }

    public Connection connection() {
        return connection;
    }

    /** Notes a statement run by other means (a batched insert) so target/run shows it. */
    public void record(String sql) {
        executed.add(sql);
    }

    public void execute(String sql) throws SQLException {
        executed.add(sql);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs the statements in one transaction, rolling back if any fails, so readers see all or none of them. */
    public void inTransaction(List<String> statements) throws SQLException {
        execute(dialect.beginTransaction());
        try {
            for (String sql : statements) {
                execute(sql);
            }
            execute(dialect.commit());
        } catch (SQLException | RuntimeException e) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(dialect.rollback());
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    public void ensureSchema() throws SQLException {
        // With several threads, two nodes may create the same schema at once; DuckDB then aborts one of them with a
        // write-write conflict, and trying again finds the schema there.
        for (int attempt = 1; ; attempt++) {
            try {
                execute(dialect.createSchemaIfNotExists(relation.database(), relation.schema()));
                return;
            } catch (SQLException e) {
                if (attempt == 5 || !String.valueOf(e.getMessage()).contains("write-write conflict")) {
                    throw e;
                }
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public List<String> executed() {
        return List.copyOf(executed);
    }
}
