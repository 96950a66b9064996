package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.ServeSettings;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A warehouse shaped like the pipeline's (schema public, a dimension with a primary key, a fact, the consumption view)
 * held open in process, as the pipeline holds it, with a PostgreSQL endpoint over it on an ephemeral loopback port.
 */
final class WarehouseFixture implements AutoCloseable {
    static final int TRADES = 5_000;
    private final Connection keeper;
    private final PgServer server;

    WarehouseFixture(Path dir, Optional<String> password, int maxConnections, Duration timeout) throws SQLException, IOException {
        Files.createDirectories(dir);
        keeper = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("streaming_db.duckdb"));
        try (Statement s = keeper.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS public");
            s.execute("SET schema = 'public'");
            s.execute("CREATE TABLE dim_symbol (symbol_key VARCHAR PRIMARY KEY, ticker VARCHAR NOT NULL, sector VARCHAR,"
                    + " risk_level VARCHAR, valid_from TIMESTAMP, valid_to TIMESTAMP, is_current BOOLEAN)");
            s.execute("CREATE TABLE fact_trades (fact_id VARCHAR PRIMARY KEY, symbol_key VARCHAR, exchange VARCHAR,"
                    + " trade_id BIGINT, trade_time TIMESTAMPTZ, price DECIMAL(38,8), quantity DECIMAL(38,8),"
                    + " total_amount_usd DECIMAL(38,8), side VARCHAR)");
            s.execute("CREATE VIEW consumption_trades AS SELECT f.*, d.ticker, d.sector, d.risk_level"
                    + " FROM fact_trades f JOIN dim_symbol d USING (symbol_key)");
            s.execute("INSERT INTO dim_symbol VALUES ('k1', 'BTCUSDT', 'Layer 1', 'High', TIMESTAMP '2026-01-01', NULL, true)");
            s.execute("INSERT INTO fact_trades SELECT 'f' || i, 'k1', 'binance', i,"
                    + " TIMESTAMPTZ '2026-12-07 10:00:00+00' + i * INTERVAL 1 SECOND, 83034.29 + i / 100, 0.00062, 51.48, "
                    + " CASE WHEN i % 2 = 0 THEN 'buy' ELSE 'sell' END FROM range(" + TRADES + ") t(i)");
        }
        DuckDBConnection duck = keeper.unwrap(DuckDBConnection.class);
        server = new PgServer(new ServeSettings("127.0.0.1", 0, maxConnections, timeout, password, 2), duck::duplicate);
        server.start();
    }

    String jdbcUrl(String options) {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/streaming_db?user=cryptopipe" + options;
    }

    int port() {
        return server.port();
    }

    PgServer server() {
        return server;
    }

    Connection duckdb() {
        return keeper;
    }

    @Override
    public void close() throws SQLException {
        server.close();
        keeper.close();
    }
}
