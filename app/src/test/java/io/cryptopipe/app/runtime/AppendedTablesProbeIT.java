package io.cryptopipe.app.runtime;

import io.cryptopipe.app.warehouse.WarehouseFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe against a real DuckDB file, with tables shaped as the project's silver and fact tables. */
class AppendedTablesProbeIT {
    @TempDir
    Path dataDir;

    @Test
    void thePositionIsTheLowerOfTheTwoTablesLastRawRows() throws Exception {
        WarehouseFile warehouse = WarehouseFile.in(dataDir);
        execute(warehouse, "create table silver_trades as select range as raw_row_id from range(0, 120)");
        execute(warehouse, "create table fact_trades as select range as raw_row_id from range(0, 100)");

        assertThat(new AppendedTablesProbe(warehouse).get()).map(AppendedTables::lastRawRow).contains(99L);
    }

    @Test
    void anEmptyTableCountsAsPositionMinusOne() throws Exception {
        WarehouseFile warehouse = WarehouseFile.in(dataDir);
        execute(warehouse, "create table silver_trades as select range as raw_row_id from range(0, 120)");
        execute(warehouse, "create table fact_trades (raw_row_id bigint)");

        assertThat(new AppendedTablesProbe(warehouse).get()).map(AppendedTables::lastRawRow).contains(-1L);
    }

    @Test
    void rebuildingATableChangesTheBuildsButAppendingDoesNot() throws Exception {
        WarehouseFile warehouse = WarehouseFile.in(dataDir);
        execute(warehouse, "create table silver_trades as select range as raw_row_id from range(0, 10)");
        execute(warehouse, "create table fact_trades as select range as raw_row_id from range(0, 10)");
        AppendedTablesProbe probe = new AppendedTablesProbe(warehouse);
        try (Connection keepsTheFileOpen = warehouse.open(false)) {
            String before = probe.get().orElseThrow().builds();
            execute(warehouse, "insert into fact_trades select range from range(10, 20)");
            String appended = probe.get().orElseThrow().builds();
            execute(warehouse, "create or replace table fact_trades as select range as raw_row_id from range(0, 20)");
            String rebuilt = probe.get().orElseThrow().builds();

            assertThat(appended).isEqualTo(before);
            assertThat(rebuilt).isNotEqualTo(before);
        }
    }

    @Test
    void withoutTheTablesThereIsNoPosition() {
        assertThat(new AppendedTablesProbe(WarehouseFile.in(dataDir)).get()).isEqualTo(Optional.empty());
    }

    private static void execute(WarehouseFile warehouse, String sql) throws SQLException {
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
