package io.cryptopipe.app.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class WarehouseFileTest {
    @TempDir
    Path dataDir;

    @Test
    void unqualifiedNamesResolveInSchemaPublic() throws Exception {
        WarehouseFile warehouse = WarehouseFile.in(dataDir);
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement()) {
            statement.execute("create table public.t as select 42 as answer");
            try (ResultSet rs = statement.executeQuery("select answer from t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void aReadOnlyConnectionSeesTheSameTables() throws Exception {
        WarehouseFile warehouse = WarehouseFile.in(dataDir);
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement()) {
            statement.execute("create table public.t as select 7 as x");
        }
        try (Connection connection = warehouse.open(true); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select x from t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void theOriginalDesignsFullyQualifiedNameResolves() throws Exception {
        WarehouseFile warehouse = WarehouseFile.in(dataDir);
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement()) {
            statement.execute("create view public.consumption_trades as select 1 as x");
            try (ResultSet rs = statement.executeQuery("SELECT * FROM STREAMING_DB.PUBLIC.CONSUMPTION_TRADES")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void queryRunnerKeepsDecimalsExactAndTruncatesAtTheRowLimit() throws Exception {
        WarehouseFile warehouse = WarehouseFile.in(dataDir);
        try (Connection connection = warehouse.open(false)) {
            QueryResult result = new QueryRunner(2, java.time.Duration.ofSeconds(60)).run(connection,
                    new io.cryptopipe.serve.guard.ReadOnlyQuery("select cast('83034.29000000' as decimal(38,8)) as price from range(3)"));
            assertThat(result.columns()).containsExactly("price");
            assertThat(result.rows()).hasSize(2).first().isEqualTo(java.util.List.of("83034.29000000"));
            assertThat(result.truncated()).isTrue();
        }
    }
}
