package io.cryptopipe.app.monitor;

import io.cryptopipe.app.warehouse.WarehouseFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The lag measurement against a real DuckDB file holding a table shaped as the project's fact_trades. */
class GoldLagIT {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dataDir;

    private WarehouseFile warehouse;
    private final MovableClock clock = new MovableClock(NOW);
    private long rawRow;

    @BeforeEach
    void createFacts() throws SQLException {
        warehouse = WarehouseFile.in(dataDir);
        execute("create table fact_trades (trade_time timestamp, raw_row_id bigint)");
    }

    @Test
    void eachTradeARunAddedCountsFromItsTradeTimeToTheRunsCommit() throws SQLException {
        GoldLag lag = new GoldLag(warehouse, clock);
        facts(5, NOW.minusSeconds(600));
        lag.afterRun(false);
        facts(98, NOW.minusMillis(2_000));
        facts(2, NOW.minusMillis(30_000));

        lag.afterRun(false);

        assertThat(lag.lastMinute()).isEqualTo(new GoldLag.Percentiles(100, 2.01, 30.01, 30.01));
    }

    @Test
    void theFirstRunAfterAStartAndAFullRefreshOnlyTakeThePosition() throws SQLException {
        GoldLag lag = new GoldLag(warehouse, clock);
        facts(5, NOW.minusSeconds(600));
        lag.afterRun(false);
        facts(5, NOW.minusSeconds(300));
        lag.afterRun(true);
        facts(1, NOW.minusMillis(1_500));
        lag.afterRun(false);

        assertThat(lag.lastMinute()).isEqualTo(new GoldLag.Percentiles(1, 1.51, 1.51, 1.51));
    }

    @Test
    void tradesCommittedOverAMinuteAgoNoLongerCount() throws SQLException {
        GoldLag lag = new GoldLag(warehouse, clock);
        lag.afterRun(false);
        facts(10, NOW.minusMillis(4_000));
        lag.afterRun(false);
        clock.advance(Duration.ofSeconds(61));
        facts(10, clock.instant().minusMillis(1_000));
        lag.afterRun(false);

        assertThat(lag.lastMinute()).isEqualTo(new GoldLag.Percentiles(10, 1.01, 1.01, 1.01));
        clock.advance(Duration.ofSeconds(61));
        assertThat(lag.lastMinute().trades()).isZero();
    }

    @Test
    void withoutTheFactsThereIsNothingToMeasure() throws SQLException {
        execute("drop table fact_trades");
        GoldLag lag = new GoldLag(warehouse, clock);

        lag.afterRun(false);

        assertThat(lag.lastMinute()).isEqualTo(new GoldLag.Percentiles(0, null, null, null));
    }

    private void facts(int count, Instant tradeTime) throws SQLException {
        for (int i = 0; i < count; i++) {
            execute("insert into fact_trades values (make_timestamp(" + tradeTime.toEpochMilli() * 1000 + "), " + (rawRow++) + ")");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
