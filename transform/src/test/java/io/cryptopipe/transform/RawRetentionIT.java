package io.cryptopipe.transform;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real warehouse/ project's prune_raw_rows operation over raw rows appended in transactions of uneven sizes (so
 * DuckDB's row groups do not start at multiples of its row group size): it deletes only rows silver has read and
 * that are older than the retention, silver then still finds every row it had not read, and the models downstream of
 * silver rebuilt from it equal their incremental builds.
 */
class RawRetentionIT {
    private static final Path SOURCE_PROJECT = Path.of("../warehouse").toAbsolutePath().normalize();
    private static final long HOUR_AGO_MS = System.currentTimeMillis() - 3_600_000;

    @TempDir
    Path dataDir;
    @TempDir
    Path projectDir;

    private long rows;

    @BeforeEach
    void copyProjectAndCreateRawTable() throws Exception {
        try (Stream<Path> files = Files.walk(SOURCE_PROJECT)) {
            for (Path file : files.filter(p -> !p.toString().contains("/target")).toList()) {
                Path copy = projectDir.resolve(SOURCE_PROJECT.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        execute("create table public.stock_trades_raw (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
    }

    @Test
    void deletesOnlyOldRowsSilverHasReadAndSilverStillFindsEveryOtherRow() throws Exception {
        appendTrades(50_000);
        appendTrades(200_000);
        appendTrades(130_000);
        assertThat(engine().build(BuildRequest.of(List.of())).success()).as("first build").isTrue();
        long read = (Long) single("select max(raw_row_id) from silver_trades") + 1;
        appendTrades(100_000); // as old as the others, but silver has not read them

        assertThat(prune(7_200)).as("rows younger than the retention").isZero();
        long deleted = prune(60);

        assertThat(deleted).isPositive().isLessThanOrEqualTo(read);
        assertThat(single("select count(*) from stock_trades_raw where rowid >= " + read)).isEqualTo(100_000L);
        assertThat(single("select min(rowid) from stock_trades_raw")).isEqualTo(deleted);
        assertThat(engine().build(BuildRequest.of(List.of())).success()).as("build after pruning").isTrue();
        assertThat(single("select count(*) from silver_trades")).isEqualTo(rows);
        assertThat(single("select count(distinct trade_id) from silver_trades")).isEqualTo(rows);
        appendTrades(250_000);
        assertThat(engine().build(BuildRequest.of(List.of())).success()).as("third build").isTrue();
        assertThat(prune(60)).as("second prune").isPositive();
        assertThat((Long) single("select count(*) from stock_trades_raw")).as("the last row group stays")
                .isPositive().isLessThan(rows - deleted);
        appendTrades(10);
        assertThat(engine().build(BuildRequest.of(List.of())).success()).as("build after the second prune").isTrue();
        assertThat(single("select count(distinct trade_id) from silver_trades")).isEqualTo(rows);
    }

    @Test
    void theModelsDownstreamOfSilverRebuiltFromItEqualTheirIncrementalBuildsAfterPruning() throws Exception {
        appendTrades(150_000);
        assertThat(engine().build(BuildRequest.of(List.of())).success()).isTrue();
        appendTrades(140_000);
        assertThat(engine().build(BuildRequest.of(List.of())).success()).isTrue();
        assertThat(prune(60)).isPositive();
        appendTrades(30_000);
        assertThat(engine().build(BuildRequest.of(List.of())).success()).isTrue();

        List<List<Object>> facts = rows("select * exclude (loaded_at) from fact_trades order by all");
        List<List<Object>> candles = rows("select * exclude (last_loaded_at) from candles_1m order by all");
        assertThat(facts).hasSize((int) rows);
        RunResults rebuild = engine().run(new BuildRequest(List.of("silver_trades+"), List.of("silver_trades"), true, null));
        assertThat(rebuild.success()).isTrue();
        assertThat(rows("select * exclude (loaded_at) from fact_trades order by all")).isEqualTo(facts);
        assertThat(rows("select * exclude (last_loaded_at) from candles_1m order by all")).isEqualTo(candles);
    }

    @Test
    void zeroKeepsEveryRow() throws Exception {
        appendTrades(1_000);
        assertThat(engine().build(BuildRequest.of(List.of())).success()).isTrue();
        assertThat(prune(0)).isZero();
        assertThat(single("select count(*) from stock_trades_raw")).isEqualTo(1_000L);
    }

    /** Trades of BTCUSDT one millisecond apart, loaded an hour ago, in one transaction. */
    private void appendTrades(long count) throws SQLException {
        long first = rows;
        rows += count;
        execute("""
                insert into public.stock_trades_raw
                select '{"topic":"stock_trades","partition":0,"offset":' || i || ',"CreateTime":%1$d,"LoadedAt":%1$d}',
                       '{"exchange":"binance","symbol":"BTCUSDT","trade_id":' || i || ',"price":"83000.00000000",'
                       || '"quantity":"0.10000000","is_buyer_maker":false,"trade_time_us":' || (%1$d + i) * 1000
                       || ',"event_time_us":' || (%1$d + i) * 1000 || ',"ingest_time_us":' || (%1$d + i) * 1000
                       || ',"source":"ws"}'
                from range(%2$d, %3$d) as r(i)""".formatted(HOUR_AGO_MS, first, rows));
    }

    private long prune(long retentionSeconds) {
        return engine().runOperation("prune_raw_rows", Map.of("retention_seconds", retentionSeconds))
                .totalRowsChanged();
    }

    private DbtEngine engine() {
        return new DbtEngine(new EngineOptions(projectDir, projectDir, null,
                Map.of("CRYPTOPIPE_DATA_DIR", dataDir.toString()), Map.of(), projectDir.resolve("target")));
    }

    private List<List<Object>> rows(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> result = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    private Object single(String sql) throws SQLException {
        return rows(sql).get(0).get(0);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dataDir.resolve("streaming_db.duckdb"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists public");
            statement.execute("set schema = 'public'");
        }
        return connection;
    }
}
