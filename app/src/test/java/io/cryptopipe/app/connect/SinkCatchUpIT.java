package io.cryptopipe.app.connect;

import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.app.warehouse.WarehouseFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SinkCatchUpIT {
    private static final String TOPIC = "stock_trades";

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private static WarehouseFile warehouse;

    @BeforeAll
    static void startBrokerWithFiveRecordsInPartitionZero() throws Exception {
        broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dataDir.resolve("kafka")));
        broker.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "BTCUSDT", "{}")).get();
            }
        }
        warehouse = WarehouseFile.in(dataDir);
        execute("create table cryptopipe_sink_offsets(table_name varchar, topic varchar, \"partition\" integer, next_offset bigint)");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void reportsBehindUntilTheWarehouseOffsetsReachTheTopicsEnd() throws Exception {
        SinkCatchUp catchUp = new SinkCatchUp(broker.bootstrapServers(), TOPIC, warehouse);
        execute("delete from cryptopipe_sink_offsets");
        execute("insert into cryptopipe_sink_offsets values ('stock_trades_raw', 'stock_trades', 0, 3)");
        assertThat(catchUp.await(Duration.ofMillis(500))).as("3 of 5 loaded").isFalse();

        execute("update cryptopipe_sink_offsets set next_offset = 5");
        assertThat(catchUp.await(Duration.ofSeconds(5))).as("5 of 5 loaded; the empty partition needs no row").isTrue();
    }

    @Test
    void offsetsOfAnotherTableDoNotCount() throws Exception {
        SinkCatchUp catchUp = new SinkCatchUp(broker.bootstrapServers(), TOPIC, warehouse);
        execute("delete from cryptopipe_sink_offsets");
        execute("insert into cryptopipe_sink_offsets values ('other_table', 'stock_trades', 0, 5)");
        assertThat(catchUp.await(Duration.ofMillis(500))).isFalse();
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
