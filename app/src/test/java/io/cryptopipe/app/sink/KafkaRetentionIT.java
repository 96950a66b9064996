package io.cryptopipe.app.sink;

import io.cryptopipe.app.connect.ConnectSettings;
import io.cryptopipe.app.connect.ConnectorRegistrar;
import io.cryptopipe.app.connect.EmbeddedConnectWorker;
import io.cryptopipe.app.connect.WarehouseSinkRegistration;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.app.kafka.TopicRetention;
import io.cryptopipe.app.warehouse.WarehouseFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka retention under the sink: the retention configs reach topics that already exist, and a sink restarted after
 * Kafka deleted records it had not loaded resumes from the log start, loading every later record once and recording
 * the range it lost.
 */
class KafkaRetentionIT {
    private static final String TOPIC = "stock_trades";
    private static final String DLQ = "stock_trades_dlq";

    @TempDir
    Path dir;

    @Test
    void retentionIsSetOnTopicsThatAlreadyExist() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")))) {
            broker.start();
            try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
                 Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                topics.create(TOPIC, 3);
                new TopicRetention(Duration.ofSeconds(90), 100L * 1024 * 1024).applyTo(admin, List.of(TOPIC), Duration.ofSeconds(30));

                // The controller has accepted the change when the call returns; the broker applies it a moment later.
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
                await().atMost(Duration.ofSeconds(30)).until(() -> "90000".equals(
                        admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value()));
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get("retention.ms").value()).isEqualTo("90000");
                assertThat(config.get("retention.bytes").value()).isEqualTo(String.valueOf(100L * 1024 * 1024));
                assertThat(config.get("segment.ms").value()).isEqualTo("30000");
                assertThat(config.get("segment.bytes").value()).isEqualTo(String.valueOf(25L * 1024 * 1024));
            }
        }
    }

    @Test
    void aSinkRestartedAfterKafkaDeletedRecordsItHadNotLoadedResumesFromTheLogStartAndRecordsTheLoss() throws Exception {
        WarehouseFile warehouse = WarehouseFile.in(dir);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")))) {
            broker.start();
            try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
                 Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                topics.create(TOPIC, 1);
                topics.create(DLQ, 1);
                WarehouseSinkRegistration sink = new WarehouseSinkRegistration(TOPIC, DLQ, warehouse);
                produce(broker.bootstrapServers(), 0, 10);
                runSinkUntilLoaded(broker, topics, sink, 10);

                // While the sink is down, records 10..29 arrive and Kafka drops everything before offset 25, as its
                // retention drops old segments.
                produce(broker.bootstrapServers(), 10, 30);
                TopicPartition partition = new TopicPartition(TOPIC, 0);
                admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(25))).all().get();
                runSinkUntilLoaded(broker, topics, sink, 30);
            }
        }
        List<String> expected = new ArrayList<>();
        LongStream.concat(LongStream.range(0, 10), LongStream.range(25, 30)).forEach(offset -> expected.add("0:" + offset));
        assertThat(RawTableOffsets.loaded(warehouse.jdbcUrl(), TOPIC)).containsExactlyElementsOf(expected);
        try (Connection connection = DriverManager.getConnection(warehouse.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet lost = statement.executeQuery("select topic, \"partition\", first_offset, last_offset"
                     + " from public.cryptopipe_sink_deleted_before_loading")) {
            assertThat(lost.next()).isTrue();
            assertThat(List.of(lost.getString(1), lost.getInt(2), lost.getLong(3), lost.getLong(4)))
                    .containsExactly(TOPIC, 0, 10L, 24L);
            assertThat(lost.next()).isFalse();
        }
    }

    private static void runSinkUntilLoaded(EmbeddedKafkaBroker broker, KafkaTopics topics,
                                           WarehouseSinkRegistration sink, long end) throws Exception {
        try (EmbeddedConnectWorker worker = new EmbeddedConnectWorker(ConnectSettings.of(broker.bootstrapServers(), "127.0.0.1", 0))) {
            worker.start();
            ConnectorRegistrar registrar = new ConnectorRegistrar(worker.restUri());
            registrar.register(sink.name(), sink.config());
            registrar.awaitRunning(sink.name(), Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> topics.sinkCommitted(sink.name(), TOPIC).equals(Map.of(0, end)));
        }
    }

    private static void produce(String bootstrapServers, int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            for (int tradeId = from; tradeId < to; tradeId++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "BTCUSDT",
                        "{\"symbol\":\"BTCUSDT\",\"trade_id\":" + tradeId + ",\"price\":\"83034.29000000\"}")).get();
            }
        }
    }
}
