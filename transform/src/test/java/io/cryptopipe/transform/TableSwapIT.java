package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSwapIT {
    private static final int REBUILDS = 8;
    private static final long ROWS = 300_000;

    @TempDir
    Path dir;

    @Test
    void concurrentReaderNeverSeesTheTableMissingDuringRebuilds() throws Exception {
        TestProject project = TestProject.duckDb(dir)
                .file("models/numbers.sql", "{{ config(materialized='table') }}\nselect range as n from range(" + ROWS + ")");
        DbtEngine engine = project.engine();
        assertThat(engine.run(List.of()).success()).isTrue();

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        // the reader shares the DuckDB instance with the engine, as the sink and the UI do in the app
        try (Connection connection = DriverManager.getConnection(project.jdbcUrl())) {
            Future<?> reading = reader.submit(() -> {
                try (Statement query = connection.createStatement()) {
                    while (rebuilding.get()) {
                        try (ResultSet count = query.executeQuery(
                                "select count(*) from \"warehouse\".\"analytics\".\"numbers\"")) {
                            count.next();
                            if (count.getLong(1) != ROWS) {
                                problems.add("saw " + count.getLong(1) + " rows");
                            }
                            reads.incrementAndGet();
                        } catch (SQLException e) {
                            problems.add(e.getMessage());
                        }
                    }
                } catch (SQLException e) {
                    problems.add(e.getMessage());
                }
            });
            for (int i = 0; i < REBUILDS; i++) {
                RunResults results = engine.run(List.of("numbers"));
                assertThat(results.success()).as("%s", results.failures()).isTrue();
            }
            rebuilding.set(false);
            reading.get(30, TimeUnit.SECONDS);
        } finally {
            reader.shutdownNow();
        }

        assertThat(problems).isEmpty();
        assertThat(reads.get()).isGreaterThan(REBUILDS);
    }

    @Test
    void switchingAViewToATableReplacesIt() throws Exception {
        TestProject project = TestProject.duckDb(dir).file("models/m.sql", "select 1 as x");
        assertThat(project.engine().run(List.of()).success()).isTrue();

        project.file("models/m.sql", "{{ config(materialized='table') }}select 2 as x");
        assertThat(project.engine().run(List.of()).success()).isTrue();

        try (Connection connection = DriverManager.getConnection(project.jdbcUrl());
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("select table_type, (select x from analytics.m) "
                     + "from information_schema.tables where table_name = 'm'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("BASE TABLE");
            assertThat(row.getInt(2)).isEqualTo(2);
            assertThat(row.next()).isFalse();
        }
    }
}
