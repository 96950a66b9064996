package io.cryptopipe.sink;

import static io.cryptopipe.sink.TradeRecords.TOPIC;
import static io.cryptopipe.sink.TradeRecords.record;
import static io.cryptopipe.sink.TradeRecords.records;
import static io.cryptopipe.sink.TradeRecords.withValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseSinkTaskTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final List<WarehouseSinkTask> started = new ArrayList<>();
    private WarehouseFile warehouse;

    @BeforeEach
    void setUp() {
        warehouse = new WarehouseFile(dir);
    }

    @AfterEach
    void stopTasks() {
        started.forEach(WarehouseSinkTask::stop);
    }

    @Test
    void loadsValueVerbatimWithSnowflakeRecordMetadata() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0);

        task.put(List.of(record(0, 4)));
        task.preCommit(consumed(P0, 5));

        List<List<String>> rows = warehouse.query("SELECT RECORD_METADATA, RECORD_CONTENT,"
                + " RECORD_CONTENT->>'price', typeof(RECORD_CONTENT) FROM public.stock_trades_raw");
        assertThat(rows).hasSize(1);
        JsonNode metadata = JSON.readTree(rows.get(0).get(0));
        assertThat(fieldNames(metadata)).containsExactly("topic", "partition", "offset", "key", "CreateTime", "LoadedAt");
        assertThat(metadata.get("topic").asText()).isEqualTo("stock_trades");
        assertThat(metadata.get("partition").asInt()).isZero();
        assertThat(metadata.get("offset").asLong()).isEqualTo(4);
        assertThat(metadata.get("key").asText()).isEqualTo("BTCUSDT");
        assertThat(metadata.get("CreateTime").asLong()).isEqualTo(TradeRecords.CREATE_TIME + 4);
        assertThat(metadata.get("LoadedAt").asLong()).isEqualTo(START.toEpochMilli());
        assertThat(rows.get(0).get(1)).isEqualTo(TradeRecords.trade(4));
        assertThat(rows.get(0).get(2)).isEqualTo("83034.29000000");
        assertThat(rows.get(0).get(3)).isEqualTo("JSON");
    }

    @Test
    void addsHeadersObjectWhenTheRecordHasHeaders() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0);
        SinkRecord withHeaders = record(0, 0);
        withHeaders.headers().addString("source", "ws").addInt("attempt", 2);

        task.put(List.of(withHeaders));
        task.preCommit(consumed(P0, 1));

        JsonNode metadata = JSON.readTree(warehouse.query("SELECT RECORD_METADATA FROM public.stock_trades_raw").get(0).get(0));
        assertThat(fieldNames(metadata)).containsExactly("topic", "partition", "offset", "key", "CreateTime", "headers", "LoadedAt");
        assertThat(metadata.get("headers").toString()).isEqualTo("{\"source\":\"ws\",\"attempt\":2}");
    }

    @Test
    void storesNextOffsetsWithTheRowsAndReturnsThemFromPreCommit() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0, P1);

        task.put(records(0, 0, 2));
        task.put(records(1, 10, 11));
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(consumed(P0, 3, P1, 12));

        assertThat(committed).isEqualTo(Map.of(P0, new OffsetAndMetadata(3), P1, new OffsetAndMetadata(12)));
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 3L, P1, 12L));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "1:10", "1:11");
    }

    @Test
    void preCommitNeverReportsOffsetsTheWarehouseDoesNotHold() {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0);

        assertThat(task.preCommit(consumed(P0, 7))).isEmpty();
    }

    @Test
    void skipsRedeliveredRecords() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0);

        task.put(records(0, 0, 3));
        task.preCommit(consumed(P0, 4));
        task.put(records(0, 2, 5));
        task.preCommit(consumed(P0, 6));

        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4", "0:5");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 6L));
    }

    @Test
    void openRewindsToStoredOffsetsSoARestartLoadsEachRecordOnce() throws Exception {
        WarehouseSinkTask first = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0, P1);
        first.put(records(0, 0, 4));
        first.preCommit(consumed(P0, 5));
        first.close(List.of(P0, P1));
        first.stop();

        FakeSinkTaskContext context = FakeSinkTaskContext.withDeadLetterQueue();
        WarehouseSinkTask second = openTask(context, Map.of(), P0, P1);
        second.put(records(0, 3, 6));
        second.preCommit(consumed(P0, 7));

        assertThat(context.requestedOffsets).isEqualTo(Map.of(P0, 5L));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4", "0:5", "0:6");
    }

    @Test
    void openWaitsOutAWarehouseThatCannotBeOpenedForAMoment() throws Exception {
        Path notYet = dir.resolve("not-yet");
        String url = "jdbc:duckdb:" + notYet.resolve("late.duckdb");
        Thread creator = new Thread(() -> {
            try {
                Thread.sleep(300);
                Files.createDirectories(notYet);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        creator.start();

        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(),
                Map.of(WarehouseSinkConfig.WAREHOUSE_URL, url, WarehouseSinkConfig.RETRY_BACKOFF_MS, "100"), P0);
        creator.join();
        task.put(records(0, 0, 2));
        task.preCommit(consumed(P0, 3));

        assertThat(Files.size(notYet.resolve("late.duckdb"))).isPositive();
    }

    @Test
    void openGivesUpOnAWarehouseThatStaysUnopenableNamingIt() {
        String url = "jdbc:duckdb:" + dir.resolve("never").resolve("w.duckdb");

        assertThatThrownBy(() -> openTask(FakeSinkTaskContext.withDeadLetterQueue(),
                Map.of(WarehouseSinkConfig.WAREHOUSE_URL, url, WarehouseSinkConfig.RETRY_BACKOFF_MS, "1"), P0))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("cannot read stored offsets from " + url + " after 10 attempts");
    }

    @Test
    void secondWriterOfAPartitionAddsNothingTheFirstLoadedAndFollowsItsOffsets() throws Exception {
        WarehouseSinkTask first = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0);
        FakeSinkTaskContext zombieContext = FakeSinkTaskContext.withDeadLetterQueue();
        WarehouseSinkTask zombie = openTask(zombieContext, Map.of(), P0);

        first.put(records(0, 0, 4));
        first.preCommit(consumed(P0, 5));
        zombie.put(records(0, 0, 6));
        Map<TopicPartition, OffsetAndMetadata> reported = zombie.preCommit(consumed(P0, 7));

        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
        assertThat(zombieContext.requestedOffsets).as("rewound to the other writer's offset").isEqualTo(Map.of(P0, 5L));
        assertThat(reported).isEqualTo(Map.of(P0, new OffsetAndMetadata(5)));

        zombie.put(records(0, 5, 6));
        zombie.preCommit(consumed(P0, 7));
        first.put(records(0, 5, 6));
        first.preCommit(consumed(P0, 7));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4", "0:5", "0:6");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 7L));
    }

    @Test
    void loadsMappedTopicsIntoTheirOwnTablesWithTheirOwnOffsets() throws Exception {
        TopicPartition quotes = new TopicPartition("quotes", 0);
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(),
                Map.of(WarehouseSinkConfig.TOPIC_TO_TABLE_MAP, "quotes:quotes_raw"), P0, quotes);

        task.put(records(0, 0, 1));
        task.put(List.of(TradeRecords.onTopic("quotes", 0, 7), TradeRecords.onTopic("quotes", 0, 8)));
        task.preCommit(consumed(P0, 2, quotes, 9));

        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1");
        assertThat(warehouse.query("SELECT RECORD_METADATA->>'topic', RECORD_METADATA->>'offset' FROM public.quotes_raw"
                + " ORDER BY 2")).containsExactly(List.of("quotes", "7"), List.of("quotes", "8"));
        assertThat(warehouse.query("SELECT table_name, topic, next_offset FROM public.cryptopipe_sink_offsets ORDER BY 1"))
                .containsExactly(List.of("quotes_raw", "quotes", "9"), List.of("stock_trades_raw", "stock_trades", "2"));
    }

    @Test
    void sendsValuesThatAreNotJsonObjectsToTheDeadLetterQueueAndLoadsTheRest() throws Exception {
        FakeSinkTaskContext context = FakeSinkTaskContext.withDeadLetterQueue();
        WarehouseSinkTask task = openTask(context, Map.of(), P0);

        task.put(List.of(record(0, 0), withValue(0, 1, "BTCUSDT", "not json"),
                withValue(0, 2, "BTCUSDT", "[1,2]"), withValue(0, 3, "BTCUSDT", null), record(0, 4)));
        task.preCommit(consumed(P0, 5));

        assertThat(context.reports).extracting(report -> report.record().kafkaOffset()).containsExactly(1L, 2L, 3L);
        assertThat(context.reports).extracting(report -> report.error().getMessage()).allSatisfy(
                message -> assertThat(message).startsWith("record stock_trades-0 offset "));
        assertThat(context.reports.get(1).error()).hasMessageContaining("not a JSON object: \"[1,2]\"");
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:4");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 5L));
    }

    @Test
    void failsWithDataExceptionNamingTheRecordWhenThereIsNoDeadLetterQueue() {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withoutDeadLetterQueue(), Map.of(), P0);

        assertThatThrownBy(() -> task.put(List.of(withValue(0, 9, "BTCUSDT", "{\"price\":"))))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("record stock_trades-0 offset 9 cannot be loaded: value is not valid JSON");
    }

    @Test
    void commitsNothingUntilTheDeadLetterQueueHasTheReportedRecords() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withUnreachableDeadLetterQueue(), Map.of(), P0);
        task.put(List.of(record(0, 0), withValue(0, 1, "BTCUSDT", "not json")));

        assertThatThrownBy(() -> task.preCommit(consumed(P0, 2))).isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("dead letter queue")
                .hasRootCauseMessage("dead letter topic unreachable");
        assertThat(warehouse.loadedOffsets()).isEmpty();
        assertThat(warehouse.storedOffsets()).isEmpty();
    }

    @Test
    void acceptsByteArrayAndMapValues() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0);

        task.put(List.of(withValue(0, 0, "BTCUSDT", TradeRecords.trade(0).getBytes(StandardCharsets.UTF_8)),
                withValue(0, 1, "BTCUSDT", Map.of("symbol", "BTCUSDT", "price", "45746.58000000"))));
        task.preCommit(consumed(P0, 2));

        assertThat(warehouse.query("SELECT RECORD_CONTENT->>'price' FROM public.stock_trades_raw"
                + " ORDER BY (RECORD_METADATA->>'offset')::BIGINT"))
                .containsExactly(List.of("45746.58000000"), List.of("45746.58000000"));
    }

    @Test
    void loadsAFullDefaultBufferInOneWrite() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0);

        task.put(records(0, 0, 122_879));

        assertThat(warehouse.query("SELECT count(*), count(DISTINCT RECORD_METADATA->>'offset') FROM public.stock_trades_raw"))
                .containsExactly(List.of("122880", "122880"));
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 122_880L));
    }

    @Test
    void aTaskBehindItsTopicFillsItsBufferInsteadOfWritingEveryFlushTime() throws Exception {
        FakeSinkTaskContext context = FakeSinkTaskContext.withDeadLetterQueue();
        WarehouseSinkTask task = openTaskAMinuteBehind(context);

        task.put(records(0, 0, 1));
        assertThat(context.requestedTimeoutMs).isEqualTo(WarehouseSinkTask.CATCH_UP_LAG_MILLIS);
        clock.advance(Duration.ofMillis(500));
        task.put(records(0, 2, 2));
        assertThat(warehouse.loadedOffsets()).isEmpty();

        task.put(records(0, 3, 4));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
    }

    @Test
    void aTaskBehindItsTopicWritesItsBufferOnceItIsASecondOld() throws Exception {
        WarehouseSinkTask task = openTaskAMinuteBehind(FakeSinkTaskContext.withDeadLetterQueue());

        task.put(records(0, 0, 1));
        clock.advance(Duration.ofMillis(WarehouseSinkTask.CATCH_UP_LAG_MILLIS));
        task.put(records(0, 2, 2));

        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2");
    }

    @Test
    void aTaskBehindItsTopicKeepsItsBufferWhenConnectCommitsOffsets() throws Exception {
        WarehouseSinkTask task = openTaskAMinuteBehind(FakeSinkTaskContext.withDeadLetterQueue());

        task.put(records(0, 0, 1));
        assertThat(task.preCommit(consumed(P0, 2))).isEmpty();
        assertThat(warehouse.loadedOffsets()).isEmpty();

        task.put(records(0, 2, 4));
        assertThat(task.preCommit(consumed(P0, 5))).isEqualTo(consumed(P0, 5));
    }

    @Test
    void anEmptyPutEndsCatchingUpAndWritesABufferOlderThanTheFlushTime() throws Exception {
        WarehouseSinkTask task = openTaskAMinuteBehind(FakeSinkTaskContext.withDeadLetterQueue());

        task.put(records(0, 0, 1));
        clock.advance(Duration.ofMillis(200));
        task.put(List.of());

        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1");
    }

    @Test
    void writesWhenTheBufferReachesItsRecordCount() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(),
                Map.of(WarehouseSinkConfig.BUFFER_COUNT_RECORDS, "3"), P0);

        task.put(records(0, 0, 1));
        assertThat(warehouse.loadedOffsets()).isEmpty();

        task.put(records(0, 2, 2));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 3L));
    }

    @Test
    void takesFractionalFlushTimesInSeconds() throws Exception {
        FakeSinkTaskContext context = FakeSinkTaskContext.withDeadLetterQueue();
        WarehouseSinkTask task = openTask(context, Map.of(WarehouseSinkConfig.BUFFER_FLUSH_TIME, "0.25"), P0);

        task.put(records(0, 0, 0));
        assertThat(context.requestedTimeoutMs).isEqualTo(250);
        clock.advance(Duration.ofMillis(250));
        task.put(List.of());
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0");
    }

    @Test
    void writesOnAnEmptyPutOnceTheOldestRecordOutlivesTheFlushTime() throws Exception {
        FakeSinkTaskContext context = FakeSinkTaskContext.withDeadLetterQueue();
        WarehouseSinkTask task = openTask(context, Map.of(WarehouseSinkConfig.BUFFER_FLUSH_TIME, "2"), P0);

        task.put(records(0, 0, 0));
        assertThat(context.requestedTimeoutMs).isEqualTo(2_000);
        clock.advance(Duration.ofMillis(1_500));
        task.put(records(0, 1, 1));
        assertThat(context.requestedTimeoutMs).isEqualTo(500);
        clock.advance(Duration.ofMillis(499));
        task.put(List.of());
        assertThat(warehouse.loadedOffsets()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        task.put(List.of());
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1");
    }

    @Test
    void failedCommitRollsBackTheRowsAndTheRedeliveryLoadsEachRecordOnce() throws Exception {
        FakeSinkTaskContext context = FakeSinkTaskContext.withDeadLetterQueue();
        WarehouseSinkTask task = openTask(context, Map.of(WarehouseSinkConfig.RETRY_BACKOFF_MS, "250"), P0);
        task.put(records(0, 0, 1));
        task.preCommit(consumed(P0, 2));
        // The rows insert fine; the offsets upsert after it fails, inside the same transaction.
        warehouse.execute("ALTER TABLE public.cryptopipe_sink_offsets RENAME TO offsets_away");

        task.put(records(0, 2, 3));
        assertThatThrownBy(() -> task.preCommit(consumed(P0, 4))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("writing 2 records").hasMessageContaining("rolled back");

        assertThat(context.requestedTimeoutMs).isEqualTo(250);
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1");
        warehouse.execute("ALTER TABLE public.offsets_away RENAME TO cryptopipe_sink_offsets");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 2L));

        // After a failed preCommit Connect rewinds to the last committed offsets and delivers again.
        task.put(records(0, 2, 4));
        task.preCommit(consumed(P0, 5));
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 5L));
    }

    @Test
    void failedPutKeepsTheBatchAndTheRetriedPutLoadsEachRecordOnce() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(),
                Map.of(WarehouseSinkConfig.BUFFER_COUNT_RECORDS, "3"), P0);
        warehouse.execute("ALTER TABLE public.stock_trades_raw RENAME TO raw_away");
        List<SinkRecord> batch = records(0, 0, 2);

        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);

        assertThat(warehouse.query("SELECT count(*) FROM public.raw_away")).containsExactly(List.of("0"));
        assertThat(warehouse.storedOffsets()).isEmpty();
        warehouse.execute("ALTER TABLE public.raw_away RENAME TO stock_trades_raw");

        // Connect retries a put that threw RetriableException with the very same records.
        task.put(batch);
        assertThat(warehouse.loadedOffsets()).containsExactly("0:0", "0:1", "0:2");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P0, 3L));
    }

    @Test
    void closingPartitionsThatCannotBeWrittenLeavesThemForTheirNextOwner() throws Exception {
        WarehouseSinkTask task = openTask(FakeSinkTaskContext.withDeadLetterQueue(), Map.of(), P0, P1);
        task.put(records(0, 0, 1));
        task.put(records(1, 0, 1));
        warehouse.execute("ALTER TABLE public.stock_trades_raw RENAME TO raw_away");

        task.close(List.of(P0));

        warehouse.execute("ALTER TABLE public.raw_away RENAME TO stock_trades_raw");
        task.preCommit(consumed(P1, 2));
        assertThat(warehouse.loadedOffsets()).containsExactly("1:0", "1:1");
        assertThat(warehouse.storedOffsets()).isEqualTo(Map.of(P1, 2L));
    }

    private WarehouseSinkTask openTask(FakeSinkTaskContext context, Map<String, String> overrides,
                                       TopicPartition... partitions) {
        Map<String, String> props = new HashMap<>();
        props.put("topics", TOPIC);
        props.put(WarehouseSinkConfig.WAREHOUSE_URL, warehouse.url);
        props.put(WarehouseSinkConfig.BUFFER_FLUSH_TIME, "60");
        props.putAll(overrides);
        WarehouseSinkTask task = new WarehouseSinkTask(clock);
        task.initialize(context);
        task.start(props);
        started.add(task);
        context.assignment.addAll(List.of(partitions));
        task.open(List.of(partitions));
        return task;
    }

    /**
     * A task whose clock reads a minute after TradeRecords' timestamps, so it takes them a minute behind its topic;
     * a buffer of 5 records, written every 0.1 s once caught up.
     */
    private WarehouseSinkTask openTaskAMinuteBehind(FakeSinkTaskContext context) {
        clock.set(Instant.ofEpochMilli(TradeRecords.CREATE_TIME).plus(Duration.ofMinutes(1)));
        return openTask(context,
                Map.of(WarehouseSinkConfig.BUFFER_COUNT_RECORDS, "5", WarehouseSinkConfig.BUFFER_FLUSH_TIME, "0.1"), P0);
    }

    private static Map<TopicPartition, OffsetAndMetadata> consumed(TopicPartition partition, long next) {
        return Map.of(partition, new OffsetAndMetadata(next));
    }

    private static Map<TopicPartition, OffsetAndMetadata> consumed(TopicPartition a, long nextA, TopicPartition b, long nextB) {
        return Map.of(a, new OffsetAndMetadata(nextA), b, new OffsetAndMetadata(nextB));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
