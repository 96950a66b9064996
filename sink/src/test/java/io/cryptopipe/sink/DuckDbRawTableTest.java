package io.cryptopipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.common.TopicPartition;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write is found again after its commit, and one that is not is retried until the table holds each row once:
 * out of memory, DuckDB returned from commits without their rows, stored rows twice, and threw from commits that had
 * committed.
 */
class DuckDbRawTableTest {

    private static final String TOPIC = "stock_trades";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    @TempDir
    Path dir;

    private WarehouseFile warehouse;
    private FaultyCommits commits;
    private DuckDbRawTable table;

    @BeforeEach
    void setUp() throws SQLException {
        warehouse = new WarehouseFile(dir);
        commits = new FaultyCommits(warehouse.url);
        table = new DuckDbRawTable(warehouse.url, commits, "public", "stock_trades_raw");
        table.ensureCreated();
    }

    @AfterEach
    void closeTable() {
        table.close();
    }

    @Test
    void aConfirmedWriteHoldsItsRowsAndOffsets() throws Exception {
        table.write(rows(0, 0, 4), Map.of(), Map.of(P0, 5L));

        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 5L));
    }

    @Test
    void afterTheOldestRowsWereDeletedAWriteIntendsItsRowsPastTheLastRowIdNotTheRowCount() throws Exception {
        table.write(rows(0, 0, 9), Map.of(), Map.of(P0, 10L));
        try (Connection other = DriverManager.getConnection(warehouse.url)) {
            execute(other, "DELETE FROM public.stock_trades_raw WHERE (RECORD_METADATA->>'offset')::BIGINT < 6");
        }

        table.write(rows(0, 10, 11), Map.of(P0, 10L), Map.of(P0, 12L));

        try (Connection c = DriverManager.getConnection(warehouse.url)) {
            assertThat(new WriteIntentTable("public", "stock_trades_raw").read(c).fromRowId()).isEqualTo(10);
        }
        assertThat(warehouse.loadedOffsets()).containsExactly("0:6", "0:7", "0:8", "0:9", "0:10", "0:11");
    }

    @Test
    void rowsAnotherWriterAddedBesideTheWriteDoNotKeepItFromBeingConfirmed() throws Exception {
        commits.afterNextAppendCommit(other -> append(other, rows(1, 0, 0).get(0)));

        table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L));

        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "1:0");
    }

    @Test
    void aCommitThatReturnsWithoutItsRowsIsUnconfirmedAndTheRetryLoadsEachRowOnce() throws Exception {
        table.write(rows(0, 0, 1), Map.of(), Map.of(P0, 2L));
        commits.afterNextAppendCommit(other -> execute(other, "DELETE FROM public.stock_trades_raw"
                + " WHERE (RECORD_METADATA->>'offset')::BIGINT >= 2"));

        assertThatThrownBy(() -> table.write(rows(0, 2, 4), Map.of(P0, 2L), Map.of(P0, 5L)))
                .isInstanceOf(UnconfirmedWriteException.class)
                .hasMessageEndingWith("returned, but the table holds 0 of them (0 distinct, 0 not valid JSON)");
        assertThat(warehouse.storedOffsets()).as("the offsets committed without the rows").isEqualTo(Map.of(P0, 5L));

        table.write(rows(0, 2, 4), Map.of(P0, 2L), Map.of(P0, 5L));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 5L));
    }

    @Test
    void aCommitThatKeepsOnlySomeOfItsRowsIsUnconfirmedAndTheRetryLoadsEachRowOnce() throws Exception {
        commits.afterNextAppendCommit(other -> execute(other, "DELETE FROM public.stock_trades_raw"
                + " WHERE (RECORD_METADATA->>'offset')::BIGINT IN (1, 3)"));

        assertThatThrownBy(() -> table.write(rows(0, 0, 4), Map.of(), Map.of(P0, 5L)))
                .isInstanceOf(UnconfirmedWriteException.class).hasMessageContaining("holds 3 of them");

        table.write(rows(0, 0, 4), Map.of(), Map.of(P0, 5L));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
    }

    @Test
    void aCommitThatStoresOneRowTwiceAndLosesAnotherIsUnconfirmedAndTheRetryLoadsEachRowOnce() throws Exception {
        commits.afterNextAppendCommit(other -> {
            execute(other, "DELETE FROM public.stock_trades_raw WHERE (RECORD_METADATA->>'offset')::BIGINT = 2");
            append(other, rows(0, 0, 0).get(0));
        });

        assertThatThrownBy(() -> table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L)))
                .isInstanceOf(UnconfirmedWriteException.class).hasMessageContaining("holds 3 of them (2 distinct");

        table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2");
    }

    @Test
    void aCommitThatThrowsAfterCommittingIsUnconfirmedAndTheRetryLoadsEachRowOnce() throws Exception {
        commits.throwAfterNextAppendCommit();

        assertThatThrownBy(() -> table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L)))
                .isInstanceOf(UnconfirmedWriteException.class).hasMessageContaining("may have committed");
        assertThat(warehouse.loadedOffsets()).as("committed all the same").containsExactly("0:0", "0:1", "0:2");

        table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 3L));
    }

    @Test
    void aRetryWithMoreRowsThanTheUnconfirmedAttemptLoadsEachRowOnce() throws Exception {
        commits.throwAfterNextAppendCommit();
        assertThatThrownBy(() -> table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L)))
                .isInstanceOf(UnconfirmedWriteException.class);

        // Records that arrived meanwhile join the retried batch, which still starts from the same offsets.
        table.write(rows(0, 0, 5), Map.of(), Map.of(P0, 6L));

        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4", "0:5");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 6L));
    }

    @Test
    void aCommitThatLeavesARowWhoseJsonIsDamagedIsUnconfirmedAndTheRetryReplacesIt() throws Exception {
        commits.afterNextAppendCommit(other -> {
            execute(other, "DELETE FROM public.stock_trades_raw WHERE (RECORD_METADATA->>'offset')::BIGINT = 1");
            append(other, new RawRow(TOPIC, 0, 1, metadata(0, 1), "{\"trade_id\":1,\"price\":\"9".getBytes(StandardCharsets.UTF_8)));
        });

        assertThatThrownBy(() -> table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L)))
                .isInstanceOf(UnconfirmedWriteException.class).hasMessageContaining("1 not valid JSON");

        table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2");
        assertThat(warehouse.query("SELECT count(*) FROM public.stock_trades_raw WHERE json_valid(RECORD_CONTENT)"))
                .containsExactly(List.of("3"));
    }

    @Test
    void aCommitThatLosesTheOffsetsIsUnconfirmedAndTheRetryLoadsEachRowOnce() throws Exception {
        table.write(rows(1, 0, 0), Map.of(), Map.of(P1, 1L));
        commits.afterNextAppendCommit(other -> execute(other, "UPDATE public.cryptopipe_sink_offsets SET next_offset = 1"));

        assertThatThrownBy(() -> table.write(rows(1, 1, 2), Map.of(P1, 1L), Map.of(P1, 3L)))
                .isInstanceOf(UnconfirmedWriteException.class).hasMessageEndingWith("returned, but the next offsets are {stock_trades-1=1} instead of {stock_trades-1=3}");

        table.write(rows(1, 1, 2), Map.of(P1, 1L), Map.of(P1, 3L));
        assertThat(warehouse.loadedOffsets()).containsExactly("1:0", "1:1", "1:2");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P1, 3L));
    }

    @Test
    void afterAnUnconfirmedAttemptOffsetsMovedByAnotherWriterAreStillRefused() throws Exception {
        commits.throwAfterNextAppendCommit();
        assertThatThrownBy(() -> table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L)))
                .isInstanceOf(UnconfirmedWriteException.class);
        warehouse.execute("UPDATE public.cryptopipe_sink_offsets SET next_offset = 7");

        assertThatThrownBy(() -> table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L)))
                .isInstanceOf(OffsetsMovedException.class);
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2");
    }

    @Test
    void anUnconfirmedWriteWhoseRowsAreMissingIsUndoneWhenTheTableIsOpenedAgain() throws Exception {
        table.write(rows(0, 0, 1), Map.of(), Map.of(P0, 2L));
        commits.afterNextAppendCommit(other -> execute(other, "DELETE FROM public.stock_trades_raw"
                + " WHERE (RECORD_METADATA->>'offset')::BIGINT >= 2"));
        assertThatThrownBy(() -> table.write(rows(0, 2, 4), Map.of(P0, 2L), Map.of(P0, 5L)))
                .isInstanceOf(UnconfirmedWriteException.class);
        table.close(); // the task stops, or the process dies, before a retry

        DuckDbRawTable reopened = reopen();
        assertThat(reopened.storedOffsets(List.of(P0))).isEqualTo(Map.of(P0, 2L));
        reopened.write(rows(0, 2, 4), Map.of(P0, 2L), Map.of(P0, 5L));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
    }

    @Test
    void rowsCommittedWithoutTheirOffsetsAreDeletedWhenTheTableIsOpenedAgain() throws Exception {
        table.write(rows(0, 0, 1), Map.of(), Map.of(P0, 2L));
        commits.afterNextAppendCommit(other -> execute(other, "UPDATE public.cryptopipe_sink_offsets SET next_offset = 2"));
        assertThatThrownBy(() -> table.write(rows(0, 2, 4), Map.of(P0, 2L), Map.of(P0, 5L)))
                .isInstanceOf(UnconfirmedWriteException.class);
        table.close();

        DuckDbRawTable reopened = reopen();
        assertThat(reopened.storedOffsets(List.of(P0))).isEqualTo(Map.of(P0, 2L));
        assertThat(warehouse.loadedOffsets()).as("read again from offset 2, so not kept").containsExactly("0:0", "0:1");
    }

    @Test
    void anUnconfirmedWriteThatCommittedWholeIsKeptWhenTheTableIsOpenedAgain() throws Exception {
        commits.throwAfterNextAppendCommit();
        assertThatThrownBy(() -> table.write(rows(0, 0, 2), Map.of(), Map.of(P0, 3L)))
                .isInstanceOf(UnconfirmedWriteException.class);
        table.close();

        DuckDbRawTable reopened = reopen();
        assertThat(reopened.storedOffsets(List.of(P0))).isEqualTo(Map.of(P0, 3L));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2");
    }

    private DuckDbRawTable reopen() {
        table = new DuckDbRawTable(warehouse.url, commits, "public", "stock_trades_raw");
        return table;
    }

    private static List<RawRow> rows(int partition, long first, long last) {
        return LongStream.rangeClosed(first, last).mapToObj(offset -> new RawRow(TOPIC, partition, offset,
                metadata(partition, offset), ("{\"trade_id\":" + offset + "}").getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static byte[] metadata(int partition, long offset) {
        return ("{\"topic\":\"" + TOPIC + "\",\"partition\":" + partition + ",\"offset\":" + offset + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The appender, unlike SQL, stores JSON text unchecked, as the sink relies on for speed. */
    private static void append(Connection c, RawRow row) throws SQLException {
        try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender("public", "stock_trades_raw")) {
            appender.beginRow().append(row.metadata()).append(row.content()).endRow();
        }
    }
}
