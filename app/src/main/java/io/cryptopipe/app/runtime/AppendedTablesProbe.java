package io.cryptopipe.app.runtime;

import io.cryptopipe.app.warehouse.WarehouseFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads where the append-only tables stand; empty when they are missing. The lower of the two tables' positions
 * counts (-1 while either is empty): rows either table adds later lie above it, as both append in raw row order.
 */
public final class AppendedTablesProbe implements Supplier<Optional<AppendedTables>> {
    private static final Logger log = LoggerFactory.getLogger(AppendedTablesProbe.class);
    private static final String QUERY = """
            select
                (select string_agg(table_name || '#' || table_oid, ',' order by table_name)
                 from duckdb_tables()
                 where schema_name = '%1$s' and table_name in ('silver_trades', 'fact_trades')),
                least((select coalesce(max(raw_row_id), -1) from %1$s.silver_trades),
                      (select coalesce(max(raw_row_id), -1) from %1$s.fact_trades))
            """.formatted(WarehouseFile.SCHEMA);

    private final WarehouseFile warehouse;

    public AppendedTablesProbe(WarehouseFile warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Optional<AppendedTables> get() {
        try (Connection connection = warehouse.open(false)) {
            return read(connection);
        } catch (SQLException | RuntimeException e) {
            // A project without these tables or columns: its tests simply read whole tables.
            log.debug("cannot read the append-only tables' position: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The same reading on a connection the caller holds (the transform benchmark's). */
    public static Optional<AppendedTables> read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(QUERY)) {
            rs.next();
            String builds = rs.getString(1);
            long lastRawRow = rs.getLong(2);
            return rs.wasNull() || builds == null ? Optional.empty() : Optional.of(new AppendedTables(builds, lastRawRow));
        }
    }
}
