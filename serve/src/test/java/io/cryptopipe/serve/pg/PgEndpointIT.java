package io.cryptopipe.serve.pg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pgjdbc, the driver of DBeaver, DataGrip, Metabase and Tableau's JDBC path, against the endpoint. */
class PgEndpointIT {
    private static final String RUNAWAY = "select count(*) from range(1000000000000) t(a), range(10) u(b)";

    @TempDir
    Path dir;
    private WarehouseFixture warehouse;

    @BeforeEach
    void start() throws Exception {
        warehouse = new WarehouseFixture(dir, Optional.empty(), 3, Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() throws SQLException {
        warehouse.close();
    }

    private Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(warehouse.jdbcUrl(options));
    }

    @Test
    void queriesTheConsumptionViewWithTypedValues() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) as n, min(price) as low, min(trade_time) as first, bool_and(ticker = 'BTCUSDT') as one"
                     + " from consumption_trades")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("n")).isEqualTo(WarehouseFixture.TRADES);
            assertThat(rs.getBigDecimal("low")).isEqualByComparingTo("83034.29");
            assertThat(rs.getObject("first", OffsetDateTime.class)).isEqualTo(OffsetDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneOffset.UTC));
            assertThat(rs.getBoolean("one")).isTrue();
        }
    }

    @Test
    void metadataListsSchemasTablesViewsColumnsAndPrimaryKeys() throws SQLException {
        try (Connection c = connect("")) {
            DatabaseMetaData meta = c.getMetaData();
            assertThat(meta.getDatabaseProductVersion()).startsWith("16");
            assertThat(names(meta.getSchemas(), "TABLE_SCHEM")).contains("public");
            assertThat(names(meta.getTables(null, "public", "%", new String[]{"TABLE"}), "TABLE_NAME"))
                    .contains("dim_symbol", "fact_trades");
            assertThat(names(meta.getTables(null, "public", "%", new String[]{"VIEW"}), "TABLE_NAME"))
                    .containsExactly("consumption_trades");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, "public", "consumption_trades", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE"));
                }
            }
            assertThat(columns).contains("trade_id:" + Types.BIGINT, "price:" + Types.NUMERIC, "ticker:" + Types.VARCHAR,
                    "trade_time:" + Types.TIMESTAMP);
            assertThat(names(meta.getPrimaryKeys(null, "public", "fact_trades"), "COLUMN_NAME")).containsExactly("fact_id");
        }
    }

    @Test
    void preparedStatementsTransferParametersAndResultsInBinary() throws SQLException {
        try (Connection c = connect("&prepareThreshold=-1&binaryTransfer=true");
             PreparedStatement ps = c.prepareStatement("select trade_id, price, trade_time, side = 'buy' as buy, quantity * 2 as q2,"
                     + " interval 90 minute as gap, cast(trade_id as integer) as small, 1.5::double as f"
                     + " from consumption_trades where trade_id = ? and side = ? and trade_time >= ?")) {
            ps.setLong(1, 42);
            ps.setString(2, "buy");
            ps.setObject(3, OffsetDateTime.of(2026, 12, 7, 0, 0, 0, 0, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("trade_id")).isEqualTo(42);
                assertThat(rs.getBigDecimal("price")).isEqualByComparingTo(new BigDecimal("83034.71"));
                assertThat(rs.getObject("trade_time", OffsetDateTime.class)).isEqualTo(OffsetDateTime.of(2026, 12, 7, 10, 0, 42, 0, ZoneOffset.UTC));
                assertThat(rs.getBoolean("buy")).isTrue();
                assertThat(rs.getBigDecimal("q2")).isEqualByComparingTo("0.00124");
                assertThat(rs.getString("gap")).isEqualTo("01:30:00");
                assertThat(rs.getInt("small")).isEqualTo(42);
                assertThat(rs.getDouble("f")).isEqualTo(1.5);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void fetchSizeStreamsTheResultInBatches() throws SQLException {
        try (Connection c = connect("")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(100);
                long rows = 0;
                long sum = 0;
                try (ResultSet rs = s.executeQuery("select trade_id from consumption_trades order by trade_id")) {
                    while (rs.next()) {
                        rows++;
                        sum += rs.getLong(1);
                        if (rows == 150) {
                            try (Statement other = c.createStatement(); ResultSet one = other.executeQuery("select 7")) {
                                one.next();
                                assertThat(one.getInt(1)).isEqualTo(7);
                            }
                        }
                    }
                }
                assertThat(rows).isEqualTo(WarehouseFixture.TRADES);
                assertThat(sum).isEqualTo((long) WarehouseFixture.TRADES * (WarehouseFixture.TRADES - 1) / 2);
            }
            c.commit();
        }
    }

    @Test
    void statementCancelInterruptsTheRunningQuery() throws Exception {
        try (WarehouseFixture patient = new WarehouseFixture(dir.resolve("patient"), Optional.empty(), 3, Duration.ofSeconds(120));
             Connection c = DriverManager.getConnection(patient.jdbcUrl("")); Statement s = c.createStatement()) {
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1000);
                    s.cancel();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long started = System.nanoTime();
            assertThatThrownBy(() -> s.executeQuery(RUNAWAY)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            canceller.get(10, TimeUnit.SECONDS);
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void aClientThatDisconnectsMidQueryHasItsQueryCancelled() throws Exception {
        try (WarehouseFixture patient = new WarehouseFixture(dir.resolve("patient"), Optional.empty(), 5, Duration.ofSeconds(300))) {
            // Both execution slots of the fixture taken by runaway queries whose clients then vanish.
            List<Connection> gone = List.of(DriverManager.getConnection(patient.jdbcUrl("")), DriverManager.getConnection(patient.jdbcUrl("")));
            for (Connection c : gone) {
                CompletableFuture.runAsync(() -> {
                    try (Statement s = c.createStatement()) {
                        s.executeQuery(RUNAWAY);
                    } catch (SQLException expected) {
                        // the connection is aborted under it
                    }
                });
            }
            Thread.sleep(2000);
            for (Connection c : gone) {
                c.abort(Runnable::run);
            }
            long started = System.nanoTime();
            try (Connection c = DriverManager.getConnection(patient.jdbcUrl("")); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from fact_trades")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(WarehouseFixture.TRADES);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void aRunawayQueryIsCancelledAtTheStatementTimeout() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> s.executeQuery(RUNAWAY)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("statement timeout")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3 + 10));
        }
    }

    @Test
    void writesFileReadsAndUnknownTablesAreRefusedWithTheirSqlStates() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("delete from fact_trades"))
                    .hasMessageContaining("read-only over this port")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
            assertThatThrownBy(() -> s.executeQuery("select * from read_csv('/etc/passwd')"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> s.executeQuery("select * from '/etc/passwd'"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> s.executeQuery("select * from no_such_table"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            assertThatThrownBy(() -> s.executeQuery("selec 1"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"));
            try (ResultSet rs = s.executeQuery("select count(*) from fact_trades")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(WarehouseFixture.TRADES);
            }
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedWith53300() throws SQLException {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(connect(""));
            }
            assertThatThrownBy(() -> connect(""))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"));
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }

    @Test
    void withAPasswordScramIsRequiredAndAWrongOneIsRefusedWith28P01() throws Exception {
        try (WarehouseFixture guarded = new WarehouseFixture(dir.resolve("guarded"), Optional.of("s3cret pässword"), 3, Duration.ofSeconds(10))) {
            try (Connection c = DriverManager.getConnection(guarded.jdbcUrl("&password=s3cret pässword"));
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from fact_trades")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(WarehouseFixture.TRADES);
            }
            assertThatThrownBy(() -> DriverManager.getConnection(guarded.jdbcUrl("&password=wrong")))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        }
    }

    private static List<String> names(ResultSet rs, String column) throws SQLException {
        List<String> names = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                names.add(rs.getString(column));
            }
        }
        return names;
    }
}
