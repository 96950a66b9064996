package io.cryptopipe.app.runtime;

import io.cryptopipe.app.dbt.DbtInvocation;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.app.dbt.DbtOutcome;
import io.cryptopipe.app.warehouse.WarehouseFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh against the real warehouse/ project and a real DuckDB file, run through the same {@link DbtInvoker} as
 * the minute's DAG: refreshes with new raw rows between them (duplicates, rejects, late trades, a ticker no snapshot
 * has seen, a non-USD quote) end where a full refresh does, a refresh stopped between models is finished by the next,
 * and a refresh waits for a dbt command in flight.
 */
class GoldRefreshIT {
    private static final Path PROJECT = Path.of("../warehouse").toAbsolutePath().normalize();
    private static final Instant MINUTE = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dataDir;

    private final ReentrantLock dbtLock = new ReentrantLock();
    private WarehouseFile warehouse;
    private DbtInvoker invoker;
    private GoldRefresh refresh;
    private long offset;

    @BeforeEach
    void createRawTable() throws SQLException {
        warehouse = WarehouseFile.in(dataDir);
        execute("create table public.stock_trades_raw (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
        invoker = new DbtInvoker(dataDir, dbtLock);
        refresh = new GoldRefresh(invoker, PROJECT, dataDir.resolve("dbt").resolve("refresh"), Duration.ofSeconds(5),
                Clock.systemUTC());
    }

    @Test
    void refreshesWithNewRawRowsBetweenThemEndWhereAFullRefreshDoes() throws Exception {
        raw("BTCUSDT", 1, "83000.00000000", MINUTE.plusSeconds(1));
        raw("BTCUSDT", 2, "83010.00000000", MINUTE.plusSeconds(2));
        raw("ETHUSDT", 7, "3000.00000000", MINUTE.plusSeconds(4));
        minutesDagRun();
        long trades = 3;
        for (int round = 1; round <= 4; round++) {
            Instant minute = MINUTE.plus(Duration.ofMinutes(round));
            raw("BTCUSDT", 10L * round + 1, "83100.00000000", minute.plusSeconds(1));
            raw("BTCUSDT", 10L * round + 2, "83200.00000000", minute.plusSeconds(2));
            raw("BTCUSDT", 2, "83010.00000000", MINUTE.plusSeconds(2));        // a repeat of a trade gold holds
            raw("BTCUSDT", 10L * round + 1, "83100.00000000", minute.plusSeconds(1)); // a repeat within the batch
            raw("BTCUSDT", 2L + round, "82900.00000000", MINUTE.plusSeconds(2 + round)); // late: corrects minute 0
            raw("ETHUSDT", 100L + round, "0.00000000", minute.plusSeconds(3));  // rejected: price not positive
            trades += 3;
            if (round == 2) {
                raw("NEWUSDT", 5, "1.50000000", minute.plusSeconds(5));         // a ticker no snapshot has seen
                raw("ETHBTC", 9, "0.03600000", minute.plusSeconds(6));          // priced through BTCUSDT
                trades += 2;
            }
            if (round == 3) {
                assertThat(dbt("snapshot", false).success()).as("the minute's snapshot between refreshes").isTrue();
            }
            assertThat(refresh.refreshOnce()).as("refresh %d", round).isTrue();
            assertThat(single("select count(*) from consumption_trades")).as("trades in gold after refresh %d", round)
                    .isEqualTo(trades);
        }
        assertThat(single("select count(*) from silver_rejects")).isEqualTo(4L);
        assertThat(rows("select cast(open as varchar), trade_count from candles_1m where symbol = 'BTCUSDT'"
                + " and candle_minute = timestamp '2026-11-20 10:00:00'")).containsExactly(List.of("83000.00000000", 6L));
        assertThat(dbt("test", false).success()).as("the data tests after the refreshes").isTrue();

        Map<String, List<List<Object>>> refreshed = goldTables();
        assertThat(dbt("run", true).success()).as("full refresh").isTrue();
        assertThat(goldTables()).isEqualTo(refreshed);
    }

    @Test
    void aTradeOfATickerNoSnapshotHasSeenKeepsTheVersionTheNextSnapshotRecords() throws Exception {
        raw("BTCUSDT", 1, "83000.00000000", MINUTE.plusSeconds(1));
        minutesDagRun();
        raw("NEWUSDT", 5, "1.50000000", MINUTE.plusSeconds(6));

        assertThat(refresh.refreshOnce()).isTrue();
        Object key = single("select symbol_key from fact_trades where symbol = 'NEWUSDT'");
        assertThat(rows("select symbol_key, sector, is_current from dim_symbol where ticker = 'NEWUSDT'"))
                .containsExactly(List.of(key, "Unknown", true));

        minutesDagRun();
        assertThat(rows("select symbol_key, sector, is_current from dim_symbol where ticker = 'NEWUSDT'"))
                .containsExactly(List.of(key, "Unknown", true));
        assertThat(single("select count(*) from dim_symbol_snapshot where ticker = 'NEWUSDT'")).isEqualTo(1L);
        assertThat(single("select count(*) from consumption_trades where symbol = 'NEWUSDT'")).isEqualTo(1L);
        assertThat(dbt("test", false).success()).isTrue();
    }

    @Test
    void aNewVenuesTickerNoSnapshotHasSeenTakesItsBaseAssetsMetadataAndKeepsThatVersion() throws Exception {
        raw("BTCUSDT", 1, "83000.00000000", MINUTE.plusSeconds(1));
        minutesDagRun();
        insertRaw("{\"exchange\":\"okx\",\"symbol\":\"ETH-USDT\",\"base_asset\":\"ETH\",\"quote_asset\":\"USDT\","
                + tradeFields(7, "3000.00000000", MINUTE.plusSeconds(6)));

        assertThat(refresh.refreshOnce()).isTrue();
        Object key = single("select symbol_key from fact_trades where exchange = 'okx'");
        // asset_metadata's ETH line, as the snapshot applies it to every venue's ETH pairs.
        assertThat(rows("select symbol_key, sector, is_current from dim_symbol where ticker = 'okx:ETH-USDT'"))
                .containsExactly(List.of(key, "Smart Contract Platform", true));

        minutesDagRun();
        assertThat(rows("select symbol_key, sector, is_current from dim_symbol where ticker = 'okx:ETH-USDT'"))
                .containsExactly(List.of(key, "Smart Contract Platform", true));
        assertThat(single("select count(*) from consumption_trades where exchange = 'okx' and symbol = 'ETH-USDT'")).isEqualTo(1L);
        assertThat(dbt("test", false).success()).isTrue();
    }

    @Test
    void aRefreshStoppedAfterSilverIsFinishedByTheNext() throws Exception {
        raw("BTCUSDT", 1, "83000.00000000", MINUTE.plusSeconds(1));
        minutesDagRun();
        raw("BTCUSDT", 2, "83010.00000000", MINUTE.plusSeconds(2));
        raw("BTCUSDT", 3, "83020.00000000", MINUTE.plusSeconds(63));
        // Each model commits whole: a refresh that died after silver leaves silver ahead of the facts and candles.
        assertThat(invoker.invoke(invocation("run", false, List.of("silver_rejects", "silver_trades"))).success()).isTrue();
        assertThat(single("select count(*) from fact_trades")).isEqualTo(1L);

        raw("BTCUSDT", 4, "83030.00000000", MINUTE.plusSeconds(64));
        assertThat(refresh.refreshOnce()).isTrue();

        assertThat(single("select count(*) from consumption_trades")).isEqualTo(4L);
        assertThat(single("select cast(sum(trade_count) as bigint) from candles_1m")).isEqualTo(4L);
        Map<String, List<List<Object>>> refreshed = goldTables();
        assertThat(dbt("run", true).success()).isTrue();
        assertThat(goldTables()).isEqualTo(refreshed);
    }

    @Test
    void aRefreshWaitsForTheDbtCommandInFlightAndKeepsItsArtifactsApart() throws Exception {
        raw("BTCUSDT", 1, "83000.00000000", MINUTE.plusSeconds(1));
        minutesDagRun();
        byte[] minutesResults = Files.readAllBytes(dataDir.resolve("dbt").resolve("run_results.json"));
        raw("BTCUSDT", 2, "83010.00000000", MINUTE.plusSeconds(2));

        CompletableFuture<Boolean> refreshed;
        dbtLock.lock();
        try {
            refreshed = CompletableFuture.supplyAsync(refresh::refreshOnce);
            Thread.sleep(1_000);
            assertThat(refreshed).as("a refresh while another dbt command holds the lock").isNotDone();
        } finally {
            dbtLock.unlock();
        }

        assertThat(refreshed.get(2, TimeUnit.MINUTES)).isTrue();
        assertThat(single("select count(*) from consumption_trades")).isEqualTo(2L);
        assertThat(dataDir.resolve("dbt").resolve("refresh").resolve("run_results.json")).exists();
        assertThat(dataDir.resolve("dbt").resolve("run_results.json")).hasBinaryContent(minutesResults);
    }

    @Test
    void aFailedRefreshIsCountedAndTheNextOneRetries() throws Exception {
        raw("BTCUSDT", 1, "83000.00000000", MINUTE.plusSeconds(1));

        assertThat(refresh.refreshOnce()).as("before any DAG run built the models").isFalse();
        assertThat(refresh.status().failures()).isEqualTo(1);
        assertThat(refresh.status().lastError()).isNotBlank();

        minutesDagRun();
        assertThat(refresh.refreshOnce()).isTrue();
        assertThat(refresh.status().refreshes()).isEqualTo(1);
        assertThat(refresh.status().lastError()).isNull();
    }

    /** What the scheduled DAG does before its tests; artifacts under dbt/ as {@code up} keeps them. */
    private void minutesDagRun() {
        for (String command : List.of("seed", "snapshot", "run")) {
            assertThat(dbt(command, false).success()).as(command).isTrue();
        }
    }

    private DbtOutcome dbt(String command, boolean fullRefresh) {
        return invoker.invoke(invocation(command, fullRefresh, List.of()));
    }

    private DbtInvocation invocation(String command, boolean fullRefresh, List<String> select) {
        return new DbtInvocation(command, PROJECT, null, null, select, Map.of(), dataDir.resolve("dbt"), List.of(),
                fullRefresh, null);
    }

    private Map<String, List<List<Object>>> goldTables() throws SQLException {
        return Map.of(
                "silver_trades", rows("select * exclude (loaded_at) from silver_trades order by all"),
                "silver_rejects", rows("select * exclude (loaded_at) from silver_rejects order by all"),
                "dim_symbol", rows("select * from dim_symbol order by all"),
                "fact_trades", rows("select * exclude (loaded_at) from fact_trades order by all"),
                "candles_1m", rows("select * exclude (last_loaded_at) from candles_1m order by all"));
    }

    private void raw(String symbol, long tradeId, String price, Instant tradeTime) throws SQLException {
        insertRaw("{\"exchange\":\"binance\",\"symbol\":\"" + symbol + "\"," + tradeFields(tradeId, price, tradeTime));
    }

    /** A raw trade's fields after its exchange and symbol, up to the closing brace. */
    private static String tradeFields(long tradeId, String price, Instant tradeTime) {
        long tradeUs = tradeTime.toEpochMilli() * 1000;
        return "\"trade_id\":" + tradeId + ",\"price\":\""
                + price + "\",\"quantity\":\"0.10000000\",\"is_buyer_maker\":false,\"trade_time_us\":" + tradeUs
                + ",\"event_time_us\":" + tradeUs + ",\"ingest_time_us\":" + tradeUs + ",\"source\":\"ws\"}";
    }

    private void insertRaw(String content) throws SQLException {
        long loadedAt = System.currentTimeMillis();
        String metadata = "{\"topic\":\"stock_trades\",\"partition\":0,\"offset\":" + (offset++)
                + ",\"CreateTime\":" + loadedAt + ",\"LoadedAt\":" + loadedAt + "}";
        try (Connection connection = warehouse.open(false);
             PreparedStatement insert = connection.prepareStatement("insert into public.stock_trades_raw values (?, ?)")) {
            insert.setString(1, metadata);
            insert.setString(2, content);
            insert.executeUpdate();
        }
    }

    private List<List<Object>> rows(String sql) throws SQLException {
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.add(value instanceof Integer n ? Long.valueOf(n) : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private Object single(String sql) throws SQLException {
        return rows(sql).get(0).get(0);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
