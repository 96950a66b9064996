package io.cryptopipe.bench.pg;

import io.cryptopipe.bench.ScratchDirectory;
import io.cryptopipe.serve.ServeSettings;
import io.cryptopipe.serve.pg.PgServer;
import org.duckdb.DuckDBConnection;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code select * from consumption_trades} of N rows read whole, every column of every row fetched with
 * {@code getObject}: through pgjdbc over the PostgreSQL endpoint (text, then binary transfer; streamed with a fetch
 * size, autocommit off) vs the same query through DuckDB's JDBC driver in process, in the same run. The warehouse is
 * shaped like the pipeline's: a fact table with a primary key, a dimension, and the consumption view joining them.
 */
public final class PgReadBenchmark {
    private static final int RUNS = 3;
    private static final String QUERY = "select * from consumption_trades";

    private PgReadBenchmark() {
    }

    /**
     * Rows per second of the median of {@value #RUNS} reads, after one warm-up read. In process, DuckDB's JDBC driver
     * materialises a result by default and streams it with {@code jdbc_stream_results}; the faster of the two is the
     * reference.
     */
    public record Figures(long rows, double inProcessRowsPerSecond, double inProcessStreamingRowsPerSecond,
                          double pgTextRowsPerSecond, double pgBinaryRowsPerSecond, double loadAverage) {
        double reference() {
            return Math.max(inProcessRowsPerSecond, inProcessStreamingRowsPerSecond);
        }

        double textRatio() {
            return pgTextRowsPerSecond / reference();
        }

        double binaryRatio() {
            return pgBinaryRowsPerSecond / reference();
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Figures f = run(rows);
        System.out.printf(Locale.ROOT, "bench pg: %s over %,d rows (load average %.1f, %d cores)%n", QUERY, f.rows(),
                f.loadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  DuckDB JDBC in process:            %,.0f rows/s%n", f.inProcessRowsPerSecond());
        System.out.printf(Locale.ROOT, "  DuckDB JDBC in process, streaming: %,.0f rows/s%n", f.inProcessStreamingRowsPerSecond());
        System.out.printf(Locale.ROOT, "  pgjdbc, text:                      %,.0f rows/s (%.0f %% of the faster in process)%n", f.pgTextRowsPerSecond(), 100 * f.textRatio());
        System.out.printf(Locale.ROOT, "  pgjdbc, binary:                    %,.0f rows/s (%.0f %% of the faster in process)%n", f.pgBinaryRowsPerSecond(), 100 * f.binaryRatio());
        System.out.printf(Locale.ROOT, "  goal: >= 50 %% of in process: %s%n", Math.min(f.textRatio(), f.binaryRatio()) >= 0.5 ? "met" : "missed");
        System.out.printf(Locale.ROOT, "rerun: ./cryptopipe bench pg --rows %d%n", rows);
    }

    public static Figures run(long rows) throws Exception {
        Path dir = ScratchDirectory.create("cryptopipe-bench-pg");
        try (Connection keeper = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("streaming_db.duckdb"))) {
            load(keeper, rows);
            DuckDBConnection duck = keeper.unwrap(DuckDBConnection.class);
            try (PgServer server = new PgServer(new ServeSettings("127.0.0.1", 0, 4, Duration.ofMinutes(10), Optional.empty(),
                    ServeSettings.defaultMaxRunningQueries(Runtime.getRuntime().availableProcessors())), duck::duplicate)) {
                server.start();
                String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/streaming_db?user=cryptopipe";
                double inProcess = median(() -> inProcess(duck, false));
                double inProcessStreaming = median(() -> inProcess(duck, true));
                double text = median(() -> {
                    try (Connection c = DriverManager.getConnection(url)) {
                        return read(c, true);
                    }
                });
                double binary = median(() -> {
                    try (Connection c = DriverManager.getConnection(url + "&prepareThreshold=-1&binaryTransfer=true")) {
                        return read(c, true);
                    }
                });
                return new Figures(rows, inProcess, inProcessStreaming, text, binary, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
    }

    private static void load(Connection keeper, long rows) throws SQLException {
        try (Statement s = keeper.createStatement()) {
            s.execute("CREATE SCHEMA public");
            s.execute("SET schema = 'public'");
            s.execute("CREATE TABLE dim_symbol AS SELECT 'k' || i AS symbol_key, 'SYM' || i || 'USDT' AS ticker,"
                    + " 'Layer 1' AS sector, 'High' AS risk_level, TIMESTAMP '2026-01-01' AS valid_from, NULL::TIMESTAMP AS valid_to,"
                    + " true AS is_current FROM range(50) t(i)");
            s.execute("CREATE TABLE fact_trades (fact_id VARCHAR PRIMARY KEY, symbol_key VARCHAR, exchange VARCHAR,"
                    + " trade_id BIGINT, trade_time TIMESTAMPTZ, price DECIMAL(38,8), quantity DECIMAL(38,8),"
                    + " total_amount_usd DECIMAL(38,8), side VARCHAR)");
            s.execute("INSERT INTO fact_trades SELECT md5(i::VARCHAR), 'k' || (i % 50), 'binance', i,"
                    + " TIMESTAMPTZ '2026-12-07 00:00:00+00' + i * INTERVAL 1 MILLISECOND, 83034.29 + (i % 1000) / 100,"
                    + " 0.00062, (83034.29 + (i % 1000) / 100) * 0.00062, CASE WHEN i % 2 = 0 THEN 'buy' ELSE 'sell' END"
                    + " FROM range(" + rows + ") t(i)");
            s.execute("CREATE VIEW consumption_trades AS SELECT f.fact_id, f.exchange, f.trade_id, f.trade_time, f.price,"
                    + " f.quantity, f.total_amount_usd, f.side, d.ticker, d.sector, d.risk_level"
                    + " FROM fact_trades f JOIN dim_symbol d USING (symbol_key)");
            s.execute("CHECKPOINT");
        }
    }

    private static double inProcess(DuckDBConnection duck, boolean streaming) throws SQLException {
        try (Connection c = duck.duplicate(); Statement s = c.createStatement()) {
            s.execute("SET search_path = 'public'");
            s.execute("SET SESSION jdbc_stream_results = " + streaming);
            return read(c, false);
        }
    }

    private interface Read {
        double rowsPerSecond() throws SQLException;
    }

    private static double median(Read read) throws SQLException {
        read.rowsPerSecond();
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            rates.add(read.rowsPerSecond());
        }
        rates.sort(null);
        return rates.get(RUNS / 2);
    }

    /** Reads every value of every row; pgjdbc streams with a fetch size, which needs autocommit off. */
    private static double read(Connection connection, boolean pg) throws SQLException {
        if (pg) {
            connection.setAutoCommit(false);
        }
        long started = System.nanoTime();
        long count = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery(QUERY)) {
                int columns = rs.getMetaData().getColumnCount();
                long checksum = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        Object value = rs.getObject(i);
                        checksum += value == null ? 0 : 1;
                    }
                    count++;
                }
                if (checksum == 0) {
                    throw new IllegalStateException("nothing read");
                }
            }
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }
}
