package io.cryptopipe.serve.pg;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A result column as RowDescription announces it. */
record PgColumn(String name, PgType type, int typeModifier) {
    static List<PgColumn> of(ResultSetMetaData meta) throws SQLException {
        List<PgColumn> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            PgType type = PgType.ofDuckDb(meta.getColumnTypeName(i));
            columns.add(new PgColumn(meta.getColumnLabel(i), type, modifier(type, meta, i)));
        }
        return columns;
    }

    /** numeric(p,s) travels as ((p << 16) | s) + 4, as PostgreSQL's atttypmod does; -1 means none. */
    private static int modifier(PgType type, ResultSetMetaData meta, int index) throws SQLException {
        if (type == PgType.NUMERIC && meta.getColumnTypeName(index).toUpperCase().startsWith("DECIMAL")) {
            return ((meta.getPrecision(index) << 16) | meta.getScale(index)) + 4;
        }
        return -1;
    }
}
