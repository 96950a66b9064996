package io.cryptopipe.app.sink;

import io.cryptopipe.app.connect.ConnectSettings;
import io.cryptopipe.app.connect.ConnectorRegistrar;
import io.cryptopipe.app.connect.EmbeddedConnectWorker;
import io.cryptopipe.app.connect.WarehouseSinkRegistration;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.app.warehouse.WarehouseFile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Values that are not JSON objects go to the dead-letter topic with Connect's error headers; the rest load once. */
class DeadLetterQueueIT {
    private static final String TOPIC = "stock_trades";
    private static final String DLQ = "stock_trades_dlq";

    /** Bad values interleaved with good ones: text, an array, truncated JSON, empty, trailing garbage, a tombstone. */
    private static final List<String> VALUES = List.of(
            good(0), "not json at all", good(1), "[1,2,3]", good(2), "{\"symbol\":\"BTCUSDT\",\"price\":",
            good(3), "", good(4), "{\"a\":1} trailing", good(5), "\"just a string\"", good(6));
    private static final String TOMBSTONE = null;

    @TempDir
    Path dir;

    @Test
    void badValuesLandInTheDeadLetterTopicWithErrorHeadersAndGoodOnesLoadOnce() throws Exception {
        List<String> values = new ArrayList<>(VALUES);
        values.add(TOMBSTONE);
        values.add(good(7));
        List<Integer> badOffsets = new ArrayList<>();
        List<Integer> goodOffsets = new ArrayList<>();
        for (int offset = 0; offset < values.size(); offset++) {
            (isGood(values.get(offset)) ? goodOffsets : badOffsets).add(offset);
        }
        WarehouseFile warehouse = WarehouseFile.in(dir);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")))) {
            broker.start();
            try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
                topics.create(TOPIC, 1);
                topics.create(DLQ, 1);
                produce(broker.bootstrapServers(), values);
                try (EmbeddedConnectWorker worker = new EmbeddedConnectWorker(
                        ConnectSettings.of(broker.bootstrapServers(), "127.0.0.1", 0))) {
                    worker.start();
                    WarehouseSinkRegistration sink = new WarehouseSinkRegistration(TOPIC, DLQ, warehouse);
                    ConnectorRegistrar registrar = new ConnectorRegistrar(worker.restUri());
                    registrar.register(sink.name(), sink.config());
                    registrar.awaitRunning(sink.name(), Duration.ofSeconds(60));

                    List<ConsumerRecord<String, String>> dead = readDeadLetters(broker.bootstrapServers(), badOffsets.size());
                    assertThat(dead).extracting(ConsumerRecord::value)
                            .containsExactlyElementsOf(badOffsets.stream().map(values::get).toList());
                    for (int i = 0; i < dead.size(); i++) {
                        ConsumerRecord<String, String> record = dead.get(i);
                        assertThat(header(record, "__connect.errors.topic")).isEqualTo(TOPIC);
                        assertThat(header(record, "__connect.errors.partition")).isEqualTo("0");
                        assertThat(header(record, "__connect.errors.offset")).isEqualTo(String.valueOf(badOffsets.get(i)));
                        assertThat(header(record, "__connect.errors.exception.class.name"))
                                .isEqualTo("org.apache.kafka.connect.errors.DataException");
                        assertThat(header(record, "__connect.errors.exception.message"))
                                .startsWith("record stock_trades-0 offset " + badOffsets.get(i) + " cannot be loaded: value ");
                    }

                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> topics.sinkCommitted(sink.name(), TOPIC).equals(Map.of(0, (long) values.size())));
                    assertThat(RawTableOffsets.loaded(warehouse.jdbcUrl(), TOPIC))
                            .containsExactlyElementsOf(goodOffsets.stream().map(offset -> "0:" + offset).toList());
                }
            }
        }
    }

    private static String good(int tradeId) {
        return "{\"symbol\":\"BTCUSDT\",\"trade_id\":" + tradeId + ",\"price\":\"83034.29000000\"}";
    }

    private static boolean isGood(String value) {
        return value != null && value.startsWith("{\"symbol\":\"BTCUSDT\",\"trade_id\"");
    }

    private static void produce(String bootstrapServers, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "BTCUSDT", value)).get();
            }
        }
    }

    private static List<ConsumerRecord<String, String>> readDeadLetters(String bootstrapServers, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "group.id", "dlq-reader", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(DLQ));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            // Anything beyond the expected records would be a duplicate report.
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
