package io.cryptopipe.serve;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a connection to the warehouse's DuckDB instance that the process already holds open; the server configures
 * each connection it gets for its session (search path, streaming results) and closes it when done.
 */
@FunctionalInterface
public interface WarehouseConnections {
    Connection open() throws SQLException;
}
