package io.cryptopipe.app.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.app.warehouse.WarehouseFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --full-refresh} through the {@link DbtInvoker} (the CLI's, the API's and the DAG's way in) against the real
 * warehouse/ project once {@code prune_raw_rows} has deleted raw rows silver holds.
 */
class SilverRebuildGuardIT {
    private static final Path PROJECT = Path.of("../warehouse").toAbsolutePath().normalize();
    private static final long HOUR_AGO_MS = System.currentTimeMillis() - 3_600_000;

    @TempDir
    Path dataDir;
    private DbtInvoker invoker;
    private long rows;

    @BeforeEach
    void createRawTable() throws SQLException {
        invoker = new DbtInvoker(dataDir, new ReentrantLock());
        execute("create table public.stock_trades_raw (RECORD_METADATA JSON, RECORD_CONTENT JSON)");
    }

    @Test
    void aFullRefreshOfAnUnprunedWarehouseRebuildsSilver() throws SQLException {
        appendTrades(1_000);
        assertThat(invoker.invoke(build(List.of(), false)).success()).isTrue();

        DbtOutcome rebuild = invoker.invoke(run(List.of(), List.of(), true, Map.of()));

        assertThat(rebuild.success()).as(rebuild.lines().toString()).isTrue();
        assertThat(count("silver_trades")).isEqualTo(1_000L);
    }

    @Test
    void aFullRefreshOfSilverAfterPruningIsRefusedAndSilverKeepsEveryTrade() throws SQLException {
        buildAndPrune();

        for (List<String> select : List.of(List.<String>of(), List.of("silver_trades"), List.of("silver_rejects+"))) {
            DbtOutcome refused = invoker.invoke(run(select, List.of(), true, Map.of()));
            assertThat(refused.success()).as("--select " + select).isFalse();
            assertThat(refused.lines().get(0)).contains("--raw-retention", "silver_trades+", "allow_silver_rebuild");
        }
        assertThat(count("silver_trades")).isEqualTo(rows);
    }

    @Test
    void whatFollowsSilverStillRebuildsAfterPruning() throws SQLException {
        buildAndPrune();

        DbtOutcome downstream = invoker.invoke(run(List.of("silver_trades+"), List.of("silver_trades", "silver_rejects"),
                true, Map.of()));

        assertThat(downstream.success()).as(downstream.lines().toString()).isTrue();
        assertThat(count("fact_trades")).isEqualTo(rows);
    }

    @Test
    void theOverrideRebuildsSilverFromWhatRawStillHas() throws SQLException {
        long deleted = buildAndPrune();

        DbtOutcome forced = invoker.invoke(run(List.of("silver_trades"), List.of(), true,
                Map.of(SilverRebuildGuard.OVERRIDE, true)));

        assertThat(forced.success()).as(forced.lines().toString()).isTrue();
        assertThat(count("silver_trades")).isEqualTo(rows - deleted);
    }

    /** Two builds and a prune that deletes the first row groups; returns the raw rows deleted. */
    private long buildAndPrune() throws SQLException {
        appendTrades(150_000);
        assertThat(invoker.invoke(build(List.of(), false)).success()).isTrue();
        appendTrades(140_000);
        assertThat(invoker.invoke(build(List.of(), false)).success()).isTrue();
        DbtOutcome prune = invoker.runOperation(PROJECT, dataDir.resolve("dbt"), "prune_raw_rows",
                Map.of("retention_seconds", 60));
        assertThat(prune.success()).as(prune.lines().toString()).isTrue();
        long deleted = rows - count("stock_trades_raw");
        assertThat(deleted).as("raw rows pruned").isPositive();
        return deleted;
    }

    private DbtInvocation build(List<String> select, boolean fullRefresh) {
        return new DbtInvocation("build", PROJECT, null, null, select, Map.of(), dataDir.resolve("dbt"), List.of(),
                fullRefresh, null);
    }

    private DbtInvocation run(List<String> select, List<String> exclude, boolean fullRefresh, Map<String, Object> vars) {
        return new DbtInvocation("run", PROJECT, null, null, select, vars, dataDir.resolve("dbt"), exclude, fullRefresh,
                null);
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

    private long count(String table) throws SQLException {
        try (Connection connection = WarehouseFile.in(dataDir).open(false); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = WarehouseFile.in(dataDir).open(false); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
