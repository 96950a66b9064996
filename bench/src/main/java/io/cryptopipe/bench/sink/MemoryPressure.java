package io.cryptopipe.bench.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a DuckDB database at its memory limit while it is open: a connection of its own runs, over and over, a window
 * and a sort that carry every raw row's JSON text, which needs far more than a small limit.
 */
final class MemoryPressure implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final Thread thread;

    MemoryPressure(String url, String table) {
        String heavyQuery = "select count(*) from (select *, row_number() over (partition by"
                + " RECORD_CONTENT->>'symbol', RECORD_CONTENT->>'trade_id' order by rowid) from (select rowid,"
                + " json_transform(RECORD_CONTENT, '{\"price\":\"VARCHAR\"}') as p, RECORD_CONTENT from " + table
                + ") order by p.price)";
        thread = new Thread(() -> {
            while (!stop.get()) {
                try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                    running.set(s);
                    try (ResultSet rs = s.executeQuery(heavyQuery)) {
                        rs.next();
                    }
                } catch (SQLException outOfMemoryOrCancelled) {
                    // Expected: the point is to keep DuckDB at its limit.
                } finally {
                    running.set(null);
                }
            }
        }, "memory-pressure");
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        Statement query = running.get();
        if (query != null) {
            try {
                query.cancel(); // a query beside a large write-ahead log can take minutes at a small limit
            } catch (SQLException alreadyDone) {
                // Nothing left to cancel.
            }
        }
        thread.join();
    }
}
