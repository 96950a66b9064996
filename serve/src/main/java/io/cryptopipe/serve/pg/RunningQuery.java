package io.cryptopipe.serve.pg;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import io.cryptopipe.serve.guard.QueryRefused;
import java.util.List;

/**
 * A read being executed for a portal: its DuckDB statement and streaming result set, from which rows go to the socket
 * as they are fetched, never all at once. It owns the connection it runs on until it is closed, so that a suspended
 * portal keeps its place while the session runs other statements on other connections.
 */
final class RunningQuery implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final List<PgColumn> columns;
    private final SessionConnections owner;
    private final long timeoutSeconds;
    private QueryLimits.Execution execution;
    private long rowsSent;
    private boolean done;

    RunningQuery(SessionConnections owner, Connection connection, PreparedStatement statement, ResultSet resultSet,
                 QueryLimits.Execution execution, long timeoutSeconds) throws SQLException {
        this.owner = owner;
        this.execution = execution;
        this.timeoutSeconds = timeoutSeconds;
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.columns = PgColumn.of(resultSet.getMetaData());
    }

    List<PgColumn> columns() {
        return columns;
    }

    PreparedStatement statement() {
        return statement;
    }

    boolean done() {
        return done;
    }

    /** A suspended portal holds no execution slot and no timer until the client asks for more rows. */
    void suspend() {
        if (execution != null) {
            execution.close();
            execution = null;
        }
    }

    void resume(Function<Statement, QueryLimits.Execution> begin) {
        if (execution == null) {
            execution = begin.apply(statement);
        }
    }

    QueryRefused failure(SQLException e, boolean canceled) {
        return PgErrors.of(e, execution != null && execution.timedOut(), canceled, timeoutSeconds);
    }

    String tag() {
        return "SELECT " + rowsSent;
    }

    /**
     * Sends DataRows until the result ends or {@code maxRows} (0 = no limit) rows went out in this call.
     *
     * @return true if the result is exhausted
     */
    boolean sendRows(PgOutput out, ResultFormats formats, long maxRows) throws IOException, SQLException {
        long sent = 0;
        int count = columns.size();
        boolean[] binary = new boolean[count];
        PgType[] types = new PgType[count];
        for (int i = 0; i < count; i++) {
            binary[i] = formats.binary(i);
            types[i] = columns.get(i).type();
        }
        while (maxRows <= 0 || sent < maxRows) {
            if (!resultSet.next()) {
                done = true;
                return true;
            }
            PgBuffer row = out.body().int16(count);
            for (int i = 0; i < count; i++) {
                PgValueWriter.write(resultSet, i + 1, types[i], binary[i], row);
            }
            out.send('D');
            sent++;
            rowsSent++;
        }
        return false;
    }

    @Override
    public void close() {
        suspend();
        try {
            resultSet.close();
        } catch (SQLException ignored) {
            // the statement's close below releases it anyway
        }
        try {
            statement.close();
        } catch (SQLException ignored) {
            // a cancelled statement may refuse a clean close; the connection is still usable
        }
        owner.release(connection);
    }
}
