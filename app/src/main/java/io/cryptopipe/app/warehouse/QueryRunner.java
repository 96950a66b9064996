package io.cryptopipe.app.warehouse;

import io.cryptopipe.app.cli.ExitCodes;
import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.serve.guard.QueryGuard;
import io.cryptopipe.serve.guard.QueryRefused;
import io.cryptopipe.serve.guard.ReadOnlyQuery;
import io.cryptopipe.serve.guard.SqlState;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a console query (the UI's console, {@code cryptopipe sql}, the API): one read-only statement, checked by the
 * same guard as the PostgreSQL endpoint, interrupted after the statement timeout, at most {@code maxRows} rows back.
 */
public final class QueryRunner {
    private final int maxRows;
    private final Duration timeout;

    public QueryRunner(int maxRows, Duration timeout) {
        this.maxRows = maxRows;
        this.timeout = timeout;
    }

    /** @throws UserError naming why the statement is not a single read */
    public static ReadOnlyQuery readOnly(String sql) {
        try {
            return new ReadOnlyQuery(sql);
        } catch (QueryRefused e) {
            throw new UserError(e.getMessage());
        }
    }

    public QueryResult run(Connection connection, ReadOnlyQuery query) {
        try {
            new QueryGuard().check(connection, query.sql());
        } catch (QueryRefused e) {
            throw new UserError(e.getMessage(), e.sqlState().equals(SqlState.SYNTAX_ERROR) ? ExitCodes.WORK_FAILED : ExitCodes.USAGE);
        }
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rs = statement.executeQuery(query.sql())) {
                return collect(rs);
            }
        } catch (SQLTimeoutException e) {
            throw new UserError("query cancelled after the statement timeout of " + timeout.toSeconds()
                    + " s (--query-timeout of `up`): narrow it with a WHERE or LIMIT", ExitCodes.WORK_FAILED);
        } catch (SQLException e) {
            throw new UserError("query failed: " + firstLine(e.getMessage()), ExitCodes.WORK_FAILED);
        }
    }

    private QueryResult collect(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == maxRows) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
                row.add(jsonValue(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new QueryResult(columns, rows, truncated);
    }

    /** Exact decimals stay exact (as strings); everything else that is not a JSON scalar prints as text. */
    private static Object jsonValue(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte || value instanceof Double || value instanceof Float) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof BigInteger integer) {
            return integer.toString();
        }
        return value.toString();
    }

    private static String firstLine(String text) {
        String message = String.valueOf(text);
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
