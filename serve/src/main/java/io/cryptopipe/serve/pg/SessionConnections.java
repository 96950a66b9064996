package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.WarehouseConnections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The DuckDB connections of one client session. Usually one; a statement that runs while a suspended portal still
 * streams from a connection gets another, because a DuckDB connection streams one result at a time.
 */
final class SessionConnections implements AutoCloseable {
    private final WarehouseConnections warehouse;
    private final CatalogSetup catalog;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();

    SessionConnections(WarehouseConnections warehouse, CatalogSetup catalog) {
        this.warehouse = warehouse;
        this.catalog = catalog;
    }

    synchronized Connection acquire() throws SQLException {
        Connection connection = idle.pollFirst();
        if (connection != null) {
            return connection;
        }
        connection = warehouse.open();
        try {
            catalog.prepare(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        all.add(connection);
        return connection;
    }

    synchronized void release(Connection connection) {
        idle.addFirst(connection);
    }

    @Override
    public synchronized void close() {
        for (Connection connection : all) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing at session end: nothing left to do with it
            }
        }
        all.clear();
        idle.clear();
    }
}
