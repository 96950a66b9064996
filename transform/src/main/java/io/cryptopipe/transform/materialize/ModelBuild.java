package io.cryptopipe.transform.materialize;

import io.cryptopipe.transform.warehouse.Relation;
import io.cryptopipe.transform.warehouse.WarehouseDialect;
import java.sql.Connection;
import java.sql.SQLException;
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

    public ModelBuild(Connection connection, WarehouseDialect dialect, Relation relation, String compiledSql) {
        this.connection = connection;
        this.dialect = dialect;
        this.relation = relation;
        this.compiledSql = compiledSql;
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
        execute(dialect.createSchemaIfNotExists(relation.database(), relation.schema()));
    }

    public List<String> executed() {
        return List.copyOf(executed);
    }
}
