package io.cryptopipe.app.warehouse;

import io.cryptopipe.app.cli.UserError;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs a read-only query and returns at most {@code maxRows} rows. */
public final class QueryRunner {
    private final int maxRows;

    public QueryRunner(int maxRows) {
        this.maxRows = maxRows;
    }

    public QueryResult run(Connection connection, ReadOnlyQuery query) {
        new ConsoleQueryGuard().check(connection, query);
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query.sql())) {
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
        } catch (SQLException e) {
            throw new UserError("query failed: " + firstLine(e.getMessage()), io.cryptopipe.app.cli.ExitCodes.WORK_FAILED);
        }
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
