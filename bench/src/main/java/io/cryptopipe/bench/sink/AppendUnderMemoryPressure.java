package io.cryptopipe.bench.sink;

import io.cryptopipe.bench.ScratchDirectory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB alone, written the sink's way while it runs out of memory: appender transactions into a file database with a
 * small {@code memory_limit}, each batch retried on a fresh connection after any error, while a second connection
 * keeps DuckDB at its limit ({@link MemoryPressure}). After every commit that returned normally the table must hold
 * exactly the rows committed so far (a failed write must have committed nothing); the run stops at the first commit
 * that breaks that, and at the end every row must be valid JSON. DuckDB 1.4.4 broke both (docs/BENCHMARKS.md, e2e).
 *
 * <p>Arguments: seconds, memory limit (e.g. 40MB), DuckDB threads, rows per transaction.
 */
public final class AppendUnderMemoryPressure {
    private AppendUnderMemoryPressure() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        String memoryLimit = args[1];
        int threads = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        Path dir = ScratchDirectory.create("append-under-pressure");
        String url = "jdbc:duckdb:" + dir.resolve("pressure.duckdb");
        try (Connection keeper = DriverManager.getConnection(url)) {
            try (Statement s = keeper.createStatement()) {
                s.execute("SET memory_limit = '" + memoryLimit + "'");
                s.execute("SET threads = " + threads);
                s.execute("CREATE TABLE raw (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
            }
            MemoryPressure pressure = new MemoryPressure(url, "raw");
            long committed = 0;
            long failures = 0;
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            String verdict = "every commit that returned held its rows";
            Connection writer = null;
            outer:
            while (System.nanoTime() < deadline) {
                while (true) {
                    try {
                        if (writer == null) {
                            writer = DriverManager.getConnection(url);
                        }
                        writer.setAutoCommit(false);
                        count(writer);
                        try (DuckDBAppender appender = writer.unwrap(DuckDBConnection.class).createAppender("main", "raw")) {
                            for (long i = committed; i < committed + batch; i++) {
                                appender.beginRow().append(metadata(i)).append(SyntheticTradeJson.trade(i).getBytes(StandardCharsets.UTF_8)).endRow();
                            }
                        }
                        writer.commit();
                        writer.setAutoCommit(true);
                        long held = count(writer);
                        if (held != committed + batch) {
                            verdict = String.format("after a commit the table holds %,d rows, not %,d: %s", held,
                                    committed + batch, held > committed + batch
                                            ? "a write that failed had committed its rows"
                                            : "a commit returned normally without its rows");
                            break outer;
                        }
                        committed += batch;
                        break;
                    } catch (SQLException e) {
                        failures++;
                        writer = discard(writer);
                        if (System.nanoTime() > deadline + 60_000_000_000L) {
                            verdict = "the writer gave up after a minute of failures";
                            break outer;
                        }
                    }
                }
            }
            pressure.close();
            discard(writer);
            try (Statement s = keeper.createStatement()) {
                s.execute("SET memory_limit = '4GB'");
                try (ResultSet rs = s.executeQuery("select count(*), count(*) filter (where not json_valid(RECORD_CONTENT::varchar)"
                        + " or not json_valid(RECORD_METADATA::varchar)) from raw")) {
                    rs.next();
                    System.out.printf("%s; %,d rows committed, %,d in the table, %,d not valid JSON; %,d failed writes%n",
                            verdict, committed, rs.getLong(1), rs.getLong(2), failures);
                }
            }
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from raw")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection discard(Connection c) {
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // The connection is thrown away either way.
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // As above.
            }
        }
        return null;
    }

    private static byte[] metadata(long offset) {
        long time = 1_764_000_000_000L + offset;
        return ("{\"topic\":\"stock_trades\",\"partition\":0,\"offset\":" + offset + ",\"CreateTime\":" + time
                + ",\"LoadedAt\":" + (time + 5) + "}").getBytes(StandardCharsets.UTF_8);
    }
}
